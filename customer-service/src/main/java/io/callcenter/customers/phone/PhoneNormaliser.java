package io.callcenter.customers.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a phone number the way people write it ({@code 0912345678}, {@code +84912345678}, {@code 84912345678},
 * {@code 091 234 5678}) with Google's libphonenumber, in a default region for numbers without a country code.
 *
 * <p>Two deliberate choices: letters are refused (libphonenumber would read {@code 1-800-FLOWERS} as digits, which is
 * never what a bank's caller id means), and a number written with the default region's country code but without
 * {@code +} ({@code 84912345678}) is read as international when it is not a valid national number.
 */
public final class PhoneNormaliser {
    /** Digits with the separators people type; a {@code +} only in front. */
    private static final Pattern WRITTEN_NUMBER = Pattern.compile("\\+?[0-9 ()./-]{1,40}");

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final String defaultCountryCode;

    public PhoneNormaliser(String defaultRegion) {
        if (!util.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion
                    + "' (callcenter.customers.default-region must be an ISO 3166 region such as VN)");
        }
        this.defaultRegion = defaultRegion;
        this.defaultCountryCode = String.valueOf(util.getCountryCodeForRegion(defaultRegion));
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The number in its stored forms, or empty when it is not a valid number. */
    public Optional<NormalisedPhone> normalise(String written) {
        if (written == null) {
            return Optional.empty();
        }
        String trimmed = written.strip();
        if (!WRITTEN_NUMBER.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        PhoneNumber number = parseValid(trimmed);
        if (number == null && writtenWithCountryCodeWithoutPlus(trimmed)) {
            number = parseValid("+" + trimmed);
        }
        return Optional.ofNullable(number).map(this::forms);
    }

    /** The E.164 form of a valid number, or null. */
    public String e164OrNull(String written) {
        return normalise(written).map(NormalisedPhone::e164).orElse(null);
    }

    private PhoneNumber parseValid(String text) {
        try {
            PhoneNumber number = util.parse(text, defaultRegion);
            return util.isValidNumber(number) ? number : null;
        } catch (NumberParseException unparseable) {
            return null;
        }
    }

    private boolean writtenWithCountryCodeWithoutPlus(String text) {
        return !text.startsWith("+") && digitsOf(text).startsWith(defaultCountryCode);
    }

    private NormalisedPhone forms(PhoneNumber number) {
        String e164 = util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        String international = e164.substring(1);
        String region = util.getRegionCodeForNumber(number);
        String trunkPrefix = region == null ? null : util.getNddPrefixForRegion(region, true);
        String national = (trunkPrefix == null ? "" : trunkPrefix) + util.getNationalSignificantNumber(number);
        return new NormalisedPhone(e164, national + " " + international,
                new StringBuilder(international).reverse().toString());
    }

    /** The digits of a written number, without separators. */
    public static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }
}
