package io.callcenter.customers.importing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts every rejected row and keeps the errors of the earliest lines, however many rows a file rejects. Shared by
 * the parsing thread and the database thread of one import, hence synchronized.
 */
final class RejectedRows {
    private static final Comparator<ImportError> BY_LINE = Comparator.comparingLong(ImportError::line);

    private final int maxErrors;
    private final List<ImportError> errors = new ArrayList<>();
    private long rows;

    RejectedRows(int maxErrors) {
        this.maxErrors = maxErrors;
    }

    synchronized void reject(List<ImportError> rowErrors) {
        rows++;
        errors.addAll(rowErrors);
        if (errors.size() > 2 * maxErrors + 16) {
            trim();
        }
    }

    synchronized long rows() {
        return rows;
    }

    synchronized List<ImportError> earliest() {
        trim();
        return List.copyOf(errors);
    }

    private void trim() {
        errors.sort(BY_LINE);
        if (errors.size() > maxErrors) {
            errors.subList(maxErrors, errors.size()).clear();
        }
    }
}
