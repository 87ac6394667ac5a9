package io.stressgate.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The few JDBC moves the stores make: a unit of work in one transaction or one read, and typed parameters. */
final class Jdbc {
    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs the work in one transaction: all of it is committed before this returns, or none of it. */
    static <T> T transaction(DataSource source, String what, Work<T> work) {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (diskFull(e)) {
                throw new StoreFullException(what + " failed: the store's disk is full (" + e.getMessage() + ")", e);
            }
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** SQLite's SQLITE_FULL (result code 13) or PostgreSQL's disk_full (SQLSTATE 53100), anywhere in the chain. */
    static boolean diskFull(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException lite && lite.getResultCode() == SQLiteErrorCode.SQLITE_FULL
                    || t instanceof SQLException s && "53100".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static <T> T read(DataSource source, String what, Work<T> work) {
        try (Connection c = source.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Sets parameters in order; null Doubles, Longs and Strings become SQL NULL of the right type. */
    static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                s.setNull(i + 1, Types.NULL);
            } else if (p instanceof String v) {
                s.setString(i + 1, v);
            } else if (p instanceof Long v) {
                s.setLong(i + 1, v);
            } else if (p instanceof Integer v) {
                s.setInt(i + 1, v);
            } else if (p instanceof Double v) {
                s.setDouble(i + 1, v);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + p.getClass().getName());
            }
        }
        return s;
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
