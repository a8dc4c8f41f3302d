package io.callcenter.customers.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNormaliserTest {
    private final PhoneNormaliser vietnam = new PhoneNormaliser("VN");

    @ParameterizedTest
    @ValueSource(strings = {"0912345678", "+84912345678", "84912345678", "091 234 5678", " +84 91 234 56 78 ",
            "(091) 234-5678", "0912.345.678"})
    void everyUsualSpellingOfOneNumberNormalisesToTheSameE164(String written) {
        assertThat(vietnam.normalise(written)).get().extracting(NormalisedPhone::e164).isEqualTo("+84912345678");
    }

    @Test
    void countryCodeWithoutPlusIsReadAsInternationalOnlyWhenItIsNotAValidNationalNumber() {
        // 84912345678 is too long to be a Vietnamese national number, so it is +84 912 345 678 ...
        assertThat(vietnam.e164OrNull("84912345678")).isEqualTo("+84912345678");
        // ... while 0842345678 starts with the trunk prefix and 084 is itself a mobile prefix.
        assertThat(vietnam.e164OrNull("0842345678")).isEqualTo("+84842345678");
        // A national number that happens to start with 84 stays national.
        assertThat(vietnam.e164OrNull("842345678")).isEqualTo("+84842345678");
    }

    @Test
    void storedFormsSupportExactSuffixAndContainsSearches() {
        NormalisedPhone phone = vietnam.normalise("091 234 5678").orElseThrow();
        assertThat(phone.e164()).isEqualTo("+84912345678");
        assertThat(phone.searchDigits()).isEqualTo("0912345678 84912345678");
        assertThat(phone.reversedDigits()).isEqualTo("87654321948");
    }

    @Test
    void foreignNumbersWithPlusKeepTheirCountry() {
        assertThat(vietnam.e164OrNull("+1 650-253-0000")).isEqualTo("+16502530000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "0912ABCDEF", "1-800-FLOWERS", "12", "0912", "091234567890123",
            "++84912345678", "0912345678x", "+84 000 000 000"})
    void unparseableOrInvalidNumbersAreRefused(String written) {
        assertThat(vietnam.normalise(written)).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThat(vietnam.normalise(null)).isEmpty();
    }

    @Test
    void unknownDefaultRegionIsRefusedAtStartup() {
        assertThatThrownBy(() -> new PhoneNormaliser("XX")).hasMessageContaining("default-region");
    }

    @Test
    void partialQueryKeepsDigitsAndRecognisesACompleteNumber() {
        PartialPhoneQuery whole = PartialPhoneQuery.parse("091 234 5678", 4, vietnam);
        assertThat(whole.digits()).isEqualTo("0912345678");
        assertThat(whole.e164()).isEqualTo("+84912345678");
        PartialPhoneQuery tail = PartialPhoneQuery.parse("5678", 4, vietnam);
        assertThat(tail.e164()).isNull();
        assertThat(tail.reversedDigits()).isEqualTo("8765");
        assertThat(tail.reversedDigitsUpperBound()).isEqualTo("8766");
        assertThat(PartialPhoneQuery.parse("9321", 4, vietnam).reversedDigitsUpperBound()).isEqualTo("123:");
    }

    @Test
    void partialQueryNeedsEnoughDigitsAndOnlyDigits() {
        assertThatThrownBy(() -> PartialPhoneQuery.parse("567", 4, vietnam)).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> PartialPhoneQuery.parse("5 6-7", 4, vietnam)).hasMessageContaining("at least 4");
        assertThatThrownBy(() -> PartialPhoneQuery.parse("56a78", 4, vietnam)).hasMessageContaining("only digits");
    }
}
