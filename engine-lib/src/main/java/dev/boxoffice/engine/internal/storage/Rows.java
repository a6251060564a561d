package dev.boxoffice.engine.internal.storage;

import dev.boxoffice.engine.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Currency;

/** Column conventions shared by the services' tables. */
public final class Rows {

    private Rows() {
    }

    /** A price stored as {@code price_minor} and {@code currency}. */
    public static Money money(ResultSet rs) throws SQLException {
        return new Money(rs.getLong("price_minor"), Currency.getInstance(rs.getString("currency")));
    }
}
