package io.callcenter.customers;

import io.callcenter.testing.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.callcenter.customers.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomerApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theFourUsualSpellingsOfANumberFindTheSameCustomer() {
        String subscriber = TestNumbers.randomDigits(7);
        String national = TestNumbers.mobileWith("091", subscriber);           // 091xxxxxxx
        JsonNode created = api.create("Nguyễn Văn A", national, "a@email.com", TestNumbers.cif());
        String international = "84" + national.substring(1);                    // 8491xxxxxxx
        List<String> spellings = List.of(national, "+" + international, international,
                national.substring(0, 3) + " " + national.substring(3, 6) + " " + national.substring(6));

        for (String spelling : spellings) {
            Api.Reply reply = api.search(spelling, true);
            assertThat(reply.status()).as(spelling).isEqualTo(200);
            assertThat(reply.body().get("success").asBoolean()).isTrue();
            assertThat(ids(reply.data())).as(spelling).containsExactly(created.get("id").asLong());
        }
        assertThat(created.get("phoneE164").asString()).isEqualTo("+" + international);
        assertThat(created.get("phoneNumber").asString()).isEqualTo(national);
    }

    @Test
    void exactSearchIsTheDefaultAndReturnsEveryCustomerSharingTheNumber() {
        String number = TestNumbers.mobile();
        long first = api.create("Trần Thị B", number, null, TestNumbers.cif()).get("id").asLong();
        long second = api.create("Trần Văn C", "+84" + number.substring(1), null, TestNumbers.cif()).get("id").asLong();

        Api.Reply reply = api.post("/api/customers/search", Map.of("phoneNumber", number));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.data())).containsExactly(first, second);
        JsonNode customer = reply.data().get(0);
        assertThat(customer.propertyNames()).contains("id", "fullName", "phoneNumber", "email", "cif");
        assertThat(customer.get("email").isNull()).isTrue();
    }

    @Test
    void exactSearchForAnUnknownNumberReturnsAnEmptyList() {
        Api.Reply reply = api.search("0999" + TestNumbers.randomDigits(6), true);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().isArray()).isTrue();
        assertThat(reply.data().size()).isZero();
    }

    @Test
    void partialSearchRanksSuffixMatchesBeforeNumbersContainingTheDigits() {
        String query = TestNumbers.randomDigits(6);
        long containsHigh = created("094", query + "2");                        // 094 q 2: contains the digits
        long suffixHigh = created("098", TestNumbers.randomDigits(1) + query);  // 098 r q: ends with them
        long containsLow = created("033", query + "7");
        long suffixLow = created("032", TestNumbers.randomDigits(1) + query);

        Api.Reply reply = api.search(query, false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.data())).containsExactly(suffixLow, suffixHigh, containsLow, containsHigh);
    }

    @Test
    void partialSearchPutsTheExactNumberFirst() {
        String number = TestNumbers.mobile();
        long exactOld = api.create("E1", number, null, TestNumbers.cif()).get("id").asLong();
        long exactNew = api.create("E2", number, null, TestNumbers.cif()).get("id").asLong();

        Api.Reply reply = api.search(number.substring(0, 4) + " " + number.substring(4), false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.data())).startsWith(exactOld, exactNew);
    }

    @Test
    void partialSearchReturnsAtMostTwentyBestFirst() {
        String tail = TestNumbers.randomDigits(7);
        List<JsonNode> created = new ArrayList<>();
        for (String prefix : TestNumbers.MOBILE_PREFIXES.subList(0, 25)) {
            created.add(api.create("Khách " + prefix, TestNumbers.mobileWith(prefix, tail), null, TestNumbers.cif()));
        }
        List<Long> expected = created.stream()
                .sorted(Comparator.comparing((JsonNode c) -> c.get("phoneE164").asString()))
                .limit(20).map(c -> c.get("id").asLong()).toList();

        Api.Reply reply = api.search(tail, false);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data().size()).isEqualTo(20);
        assertThat(ids(reply.data())).containsExactlyElementsOf(expected);
    }

    @Test
    void partialSearchLooksInsideTheNationalAndTheInternationalDigits() {
        String national = TestNumbers.mobileWith("093", TestNumbers.randomDigits(7));
        long id = api.create("Ở Giữa", national, null, TestNumbers.cif()).get("id").asLong();

        for (String query : List.of(national.substring(3, 8),          // 5 digits inside, not the ending
                national.substring(0, 7),                               // with the trunk 0 (national digits)
                "84" + national.substring(1, 6),                        // with the country code (international)
                national.substring(1))) {                               // all but the trunk 0: an ending
            Api.Reply reply = api.search(query, false);
            assertThat(reply.status()).as(query).isEqualTo(200);
            assertThat(ids(reply.data())).as(query).contains(id);
        }
    }

    @Test
    void partialSearchFollowsAnUpdatedNumberAndForgetsTheOldOne() {
        String oldNumber = TestNumbers.mobile();
        String newNumber = TestNumbers.mobile();
        JsonNode customer = api.create("Đổi Số", oldNumber, null, TestNumbers.cif());
        long id = customer.get("id").asLong();
        String oldMiddle = oldNumber.substring(2, 9);
        assertThat(ids(api.search(oldMiddle, false).data())).contains(id);

        Api.Reply updated = api.put("/api/customers/" + id, Map.of("fullName", "Đổi Số", "phoneNumber", newNumber,
                "cif", customer.get("cif").asString()));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(ids(api.search(oldMiddle, false).data())).doesNotContain(id);
        assertThat(ids(api.search(newNumber.substring(2, 9), false).data())).contains(id);
        assertThat(ids(api.search(newNumber.substring(5), false).data())).contains(id);
    }

    @Test
    void partialSearchWithFewerThanFourDigitsIsRejectedNamingPhoneNumber() {
        for (String query : List.of("123", "1 2 3", "")) {
            Api.Reply reply = api.search(query, false);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.body().get("success").asBoolean()).isFalse();
            assertThat(reply.errorMessage()).as(query).contains("phoneNumber");
        }
        assertThat(api.search("12a4", false).errorMessage()).contains("phoneNumber").contains("only digits");
    }

    @Test
    void exactSearchForAnUnparseableNumberIsRejectedNamingPhoneNumber() {
        for (String query : List.of("abc", "0912", "1-800-FLOWERS", "+84 000 000 000")) {
            Api.Reply reply = api.search(query, true);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("invalid_phone_number");
            assertThat(reply.errorMessage()).as(query).contains("'phoneNumber'");
        }
    }

    @Test
    void searchWithoutPhoneNumberOrWithMistypedOrMalformedJsonIsRejected() {
        Api.Reply missing = api.post("/api/customers/search", Map.of("exactMatch", true));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("phoneNumber");

        Api.Reply mistyped = api.post("/api/customers/search", "{\"phoneNumber\":\"0912345678\",\"exactMatch\":\"yes\"}");
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.errorMessage()).contains("exactMatch");

        Api.Reply malformed = api.post("/api/customers/search", "{\"phoneNumber\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("success").asBoolean()).isFalse();

        Api.Reply nullBody = api.post("/api/customers/search", "null");
        assertThat(nullBody.status()).isEqualTo(400);
    }

    /**
     * Jackson would read {@code 912345678} as the text "912345678" and {@code 1} or {@code "false"} as a boolean, so a
     * client's type error would search for something it did not ask for.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"phoneNumber\": %s, \"exactMatch\": false}     | phoneNumber | a string",
            "{\"phoneNumber\": %s.0, \"exactMatch\": false}   | phoneNumber | a string",
            "{\"phoneNumber\": \"0%s\", \"exactMatch\": 1}   | exactMatch  | true or false",
            "{\"phoneNumber\": \"0%s\", \"exactMatch\": \"false\"} | exactMatch | true or false"})
    void searchWithAFieldOfTheWrongJsonTypeIsRejectedNamingTheField(String template, String field, String expected) {
        String nationalDigits = TestNumbers.mobile().substring(1);

        Api.Reply reply = api.post("/api/customers/search", template.formatted(nationalDigits));

        assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("invalid_request");
        assertThat(reply.errorMessage()).startsWith("field '" + field + "' must be " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"fullName\": 123, \"phoneNumber\": \"0%s\", \"cif\": \"%s\"}   | fullName",
            "{\"fullName\": \"A\", \"phoneNumber\": %s, \"cif\": \"%s\"}      | phoneNumber",
            "{\"fullName\": \"A\", \"phoneNumber\": \"0%s\", \"email\": false, \"cif\": \"%s\"} | email",
            "{\"fullName\": \"A\", \"phoneNumber\": \"0%s\", \"cif\": %2$s}    | cif"})
    void createOrUpdateWithAFieldOfTheWrongJsonTypeIsRejectedNamingTheFieldAndWritesNothing(String template,
                                                                                             String field) {
        String cif = "7" + TestNumbers.randomDigits(11);
        String body = template.formatted(TestNumbers.mobile().substring(1), cif);
        JsonNode existing = api.create("Không Đổi", TestNumbers.mobile(), null, TestNumbers.cif());
        String path = "/api/customers/" + existing.get("id").asLong();

        Api.Reply created = api.post("/api/customers", body);
        Api.Reply updated = api.put(path, body);

        for (Api.Reply reply : List.of(created, updated)) {
            assertThat(reply.status()).as(reply.raw()).isEqualTo(400);
            assertThat(reply.errorCode()).isEqualTo("invalid_request");
            assertThat(reply.errorMessage()).startsWith("field '" + field + "' must be a string");
        }
        assertThat(countByCif(cif)).isZero();
        assertThat(api.get(path).data()).isEqualTo(existing);
    }

    @Test
    void createdCustomerIsFoundByIdAndByCif() {
        String cif = TestNumbers.cif();
        Api.Reply created = api.post("/api/customers", Map.of("fullName", "Lê Văn D", "phoneNumber", "0903 123 456",
                "email", "levand@email.com", "cif", cif));
        assertThat(created.status()).isEqualTo(201);
        long id = created.data().get("id").asLong();

        assertThat(api.get("/api/customers/" + id).data()).isEqualTo(created.data());
        assertThat(api.get("/api/customers/by-cif/" + cif).data()).isEqualTo(created.data());
        assertThat(created.data().get("phoneNumber").asString()).isEqualTo("0903 123 456");
        assertThat(created.data().get("phoneE164").asString()).isEqualTo("+84903123456");
    }

    @Test
    void duplicateCifIsRejectedWith409AndTheFirstCustomerIsUnchanged() {
        String cif = TestNumbers.cif();
        JsonNode first = api.create("Người Thứ Nhất", TestNumbers.mobile(), null, cif);

        Api.Reply duplicate = api.post("/api/customers", Map.of("fullName", "Người Thứ Hai",
                "phoneNumber", TestNumbers.mobile(), "cif", cif));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.errorCode()).isEqualTo("duplicate_cif");
        assertThat(duplicate.errorMessage()).contains("'cif'");
        assertThat(api.get("/api/customers/by-cif/" + cif).data()).isEqualTo(first);
        assertThat(countByCif(cif)).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreRejectedNamingEachFieldAndNothingIsWritten() {
        String cif = TestNumbers.cif();
        Api.Reply badPhone = api.post("/api/customers", Map.of("fullName", "X", "phoneNumber", "12ab", "cif", cif));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.errorMessage()).contains("'phoneNumber'").doesNotContain("'fullName'");

        Api.Reply everything = api.post("/api/customers", Map.of("fullName", " ", "phoneNumber", "0912",
                "email", "not-an-email", "cif", "bad cif!"));
        assertThat(everything.status()).isEqualTo(400);
        assertThat(everything.errorMessage()).contains("'fullName'", "'phoneNumber'", "'email'", "'cif'");

        Api.Reply missing = api.post("/api/customers", Map.of("fullName", "Y"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("'phoneNumber' is required", "'cif' is required");

        Api.Reply mistyped = api.post("/api/customers", "{\"fullName\":[1],\"phoneNumber\":\"0912345678\"}");
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.errorMessage()).contains("fullName");

        Api.Reply malformed = api.post("/api/customers", "{\"fullName\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(api.post("/api/customers", "null").status()).isEqualTo(400);

        assertThat(countByCif(cif)).isZero();
        assertThat(countByCif("bad cif!")).isZero();
    }

    @Test
    void updateReplacesTheFieldsAndRenormalisesTheNumber() {
        JsonNode created = api.create("Cũ", TestNumbers.mobile(), null, TestNumbers.cif());
        long id = created.get("id").asLong();
        String newNumber = TestNumbers.mobile();
        String newCif = TestNumbers.cif();

        Api.Reply updated = api.put("/api/customers/" + id, Map.of("fullName", "Mới Đổi Tên",
                "phoneNumber", newNumber, "email", "moi@email.com", "cif", newCif));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().get("fullName").asString()).isEqualTo("Mới Đổi Tên");
        assertThat(updated.data().get("cif").asString()).isEqualTo(newCif);
        assertThat(ids(api.search(newNumber, true).data())).containsExactly(id);
        assertThat(ids(api.search(created.get("phoneNumber").asString(), true).data())).doesNotContain(id);
    }

    @Test
    void refusedUpdatesChangeNothing() {
        JsonNode other = api.create("Khác", TestNumbers.mobile(), null, TestNumbers.cif());
        JsonNode customer = api.create("Gốc", TestNumbers.mobile(), null, TestNumbers.cif());
        String path = "/api/customers/" + customer.get("id").asLong();

        Api.Reply takenCif = api.put(path, Map.of("fullName", "Gốc", "phoneNumber", TestNumbers.mobile(),
                "cif", other.get("cif").asString()));
        assertThat(takenCif.status()).isEqualTo(409);
        assertThat(takenCif.errorMessage()).contains("'cif'");

        Api.Reply badPhone = api.put(path, Map.of("fullName", "Gốc", "phoneNumber", "abc",
                "cif", customer.get("cif").asString()));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.errorMessage()).contains("'phoneNumber'");

        assertThat(api.get(path).data()).isEqualTo(customer);

        Api.Reply unknown = api.put("/api/customers/999999999", Map.of("fullName", "Z",
                "phoneNumber", TestNumbers.mobile(), "cif", TestNumbers.cif()));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void unknownOrMistypedIdsAreReported() {
        assertThat(api.get("/api/customers/999999999").status()).isEqualTo(404);
        assertThat(api.get("/api/customers/by-cif/NO-SUCH-CIF-" + TestNumbers.randomDigits(6)).status())
                .isEqualTo(404);
        Api.Reply mistyped = api.get("/api/customers/abc");
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.errorMessage()).contains("id");
    }

    @Test
    void vietnameseNameRoundTripsThroughTheApiAndTheDatabase() {
        String name = "Nguyễn Thị Ánh Tuyết Đặng Hữu Phước";
        JsonNode created = api.create(name, TestNumbers.mobile(), "tuyết@email.com", TestNumbers.cif());

        assertThat(created.get("fullName").asString()).isEqualTo(name);
        assertThat(jdbc.sql("SELECT full_name FROM customers WHERE id = :id").param("id", created.get("id").asLong())
                .query(String.class).single()).isEqualTo(name);
        JsonNode found = api.search(created.get("phoneNumber").asString(), true).data().get(0);
        assertThat(found.get("fullName").asString()).isEqualTo(name);
        assertThat(found.get("email").asString()).isEqualTo("tuyết@email.com");
    }

    private long created(String prefix, String subscriber) {
        return api.create("Khách " + prefix, TestNumbers.mobileWith(prefix, subscriber), null, TestNumbers.cif())
                .get("id").asLong();
    }

    private long countByCif(String cif) {
        return jdbc.sql("SELECT count(*) FROM customers WHERE cif = :cif").param("cif", cif).query(Long.class).single();
    }
}
