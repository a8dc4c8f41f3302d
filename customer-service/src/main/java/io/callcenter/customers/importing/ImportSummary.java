package io.callcenter.customers.importing;

import java.util.List;

/**
 * What an import did: rows imported, rows rejected (all counted), and the first rejections by line.
 */
public record ImportSummary(long imported, long rejected, List<ImportError> errors) {
}
