package io.callcenter.customers;

import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "callcenter.customers.import-batch-size=50")
class CustomerImportTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void goodRowsAreImportedAndEveryBadRowIsReportedWithItsLineAndField() {
        String existingCif = TestNumbers.cif();
        Api api = new Api(port);
        api.create("Đã Có", TestNumbers.mobile(), null, existingCif);
        String good1 = TestNumbers.cif(), good2 = TestNumbers.cif(), repeated = TestNumbers.cif(), bad = TestNumbers.cif();
        String phone1 = TestNumbers.mobile(), phone2 = TestNumbers.mobile();
        String csv = String.join("\n",
                "fullName,phoneNumber,email,cif",
                "Nguyễn Văn Nhập," + phone1 + ",nhap@email.com," + good1,                 // line 2: good
                "\"Trần, Thị \"\"Bé\"\"\",\"+84 " + phone2.substring(1) + "\",," + good2, // line 3: good, quoted
                "Lỗi Số,12ab,,"+ bad,                                                     // line 4: bad phone
                "Trùng Mã," + TestNumbers.mobile() + ",," + existingCif,                    // line 5: CIF taken
                "Lặp Lại," + TestNumbers.mobile() + ",," + good1,                           // line 6: repeats line 2
                ",,không-phải-email," + repeated,                                         // line 7: three bad fields
                "Thiếu Cột," + TestNumbers.mobile(),                                         // line 8: too few columns
                "");

        Api.Reply reply = api.postCsv("/api/customers/import", csv);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode summary = reply.data();
        assertThat(summary.get("imported").asLong()).isEqualTo(2);
        assertThat(summary.get("rejected").asLong()).isEqualTo(5);
        assertThat(errors(summary)).containsExactly(
                "4 phoneNumber", "5 cif", "6 cif", "7 fullName", "7 phoneNumber", "7 email", "8 row");
        assertThat(summary.get("errors").get(1).get("message").asString()).contains("already used");
        assertThat(summary.get("errors").get(2).get("message").asString()).contains("repeats an earlier row");

        JsonNode first = api.get("/api/customers/by-cif/" + good1).data();
        assertThat(first.get("fullName").asString()).isEqualTo("Nguyễn Văn Nhập");
        assertThat(first.get("phoneE164").asString()).isEqualTo("+84" + phone1.substring(1));
        JsonNode second = api.get("/api/customers/by-cif/" + good2).data();
        assertThat(second.get("fullName").asString()).isEqualTo("Trần, Thị \"Bé\"");
        assertThat(second.get("email").isNull()).isTrue();
        assertThat(api.search(phone2, true).data().get(0).get("cif").asString()).isEqualTo(good2);
        assertThat(Api.ids(api.search(phone1.substring(2, 9), false).data()))     // digits from inside the number
                .contains(first.get("id").asLong());
        assertThat(countByCif(bad) + countByCif(repeated)).isZero();
        assertThat(countByCif(existingCif)).isEqualTo(1);
        assertThat(api.get("/api/customers/by-cif/" + existingCif).data().get("fullName").asString())
                .isEqualTo("Đã Có");
    }

    @Test
    void batchesMergeAcrossTheWholeFileAndOnlyTheFirstErrorsAreListed() {
        // The test configuration uses batches of 50 rows, so duplicates span batches.
        StringBuilder csv = new StringBuilder("cif,phoneNumber,fullName,email\n");
        String prefix = TestNumbers.cif();
        for (int i = 0; i < 260; i++) {
            csv.append(prefix).append('-').append(i % 130).append(',').append(TestNumbers.mobile())
                    .append(",Khách ").append(i).append(",\n");
        }

        JsonNode summary = new Api(port).postCsv("/api/customers/import", csv.toString()).data();

        assertThat(summary.get("imported").asLong()).isEqualTo(130);
        assertThat(summary.get("rejected").asLong()).isEqualTo(130);
        assertThat(summary.get("errors").size()).isEqualTo(100);
        assertThat(summary.get("errors").get(0).get("line").asLong()).isEqualTo(132); // row 131 repeats row 1
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE cif LIKE :p").param("p", prefix + "-%")
                .query(Long.class).single()).isEqualTo(130);
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRejectedAndNothingIsImported() {
        String cif = TestNumbers.cif();
        Api.Reply reply = new Api(port).postCsv("/api/customers/import", "fullName,phone,email,cif\nA,0912345678,," + cif + "\n");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorMessage()).contains("'phoneNumber'");
        assertThat(countByCif(cif)).isZero();
    }

    @Test
    void aFileThatBreaksHalfWayIsRolledBackEntirely() {
        String prefix = TestNumbers.cif();
        StringBuilder csv = new StringBuilder("fullName,phoneNumber,email,cif\n");
        for (int i = 0; i < 120; i++) { // more than two batches of 50 before the broken row
            csv.append("Khách,").append(TestNumbers.mobile()).append(",,").append(prefix).append('-').append(i)
                    .append('\n');
        }
        csv.append("\"unterminated,0912345678,,").append(prefix).append("-x\n");

        Api.Reply reply = new Api(port).postCsv("/api/customers/import", csv.toString());

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_csv");
        assertThat(reply.errorMessage()).contains("nothing was imported");
        assertThat(jdbc.sql("SELECT count(*) FROM customers WHERE cif LIKE :p").param("p", prefix + "-%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anUnknownCharsetIsRejectedAndNothingIsImported() {
        String cif = TestNumbers.cif();
        Api.Reply reply = new Api(port).postCsv("/api/customers/import", "fullName,phoneNumber,email,cif\nA,"
                + TestNumbers.mobile() + ",," + cif + "\n", "text/csv; charset=klingon");

        // Spring refuses the unparseable Content-Type before the controller runs
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.body().get("error").get("message").asString())
                .startsWith("Content-Type is missing or not a valid media type");
        assertThat(countByCif(cif)).isZero();
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreAccepted() {
        String cif = TestNumbers.cif();
        JsonNode summary = new Api(port).postCsv("/api/customers/import", "\uFEFFfullName,phoneNumber,email,cif\r\nPhạm Thị Hoa,"
                + TestNumbers.mobile() + ",hoa@email.com," + cif + "\r\n").data();

        assertThat(summary.get("imported").asLong()).isEqualTo(1);
        assertThat(summary.get("rejected").asLong()).isZero();
        assertThat(countByCif(cif)).isEqualTo(1);
    }

    private static List<String> errors(JsonNode summary) {
        return summary.get("errors").valueStream()
                .map(e -> e.get("line").asLong() + " " + e.get("field").asString()).toList();
    }

    private long countByCif(String cif) {
        return jdbc.sql("SELECT count(*) FROM customers WHERE cif = :cif").param("cif", cif).query(Long.class).single();
    }
}
