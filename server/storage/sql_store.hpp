// What the SQLite and PostgreSQL Stores share (private to server/storage/):
// the Store entry points over SqlTxn, their options and schema version. Each
// engine implements run(): take a pooled connection, BEGIN, call fn, COMMIT
// or ROLLBACK.
#pragma once

#include "storage/sql_txn.hpp"
#include "storage/store.hpp"

namespace pws {

class SqlStore : public Store {
public:
    SqlStore(StoreOptions opt, int version) : opt_(std::move(opt)), version_(version) {}

    Error read_transaction(const std::function<Error(ReadTxn&)>& fn) override {
        return run(false, [&](SqlTxn& t) { return fn(t); });
    }
    Error write_transaction(const std::function<Error(WriteTxn&)>& fn) override {
        return run(true, [&](SqlTxn& t) { return fn(t); });
    }
    int schema_version() const override { return version_; }
    Durability durability() const override { return opt_.durability; }

protected:
    virtual Error run(bool write, const std::function<Error(SqlTxn&)>& fn) = 0;

    // A transaction opened inside another on the same Store would wait for
    // its own lock (SQLite) or a second pooled connection (PostgreSQL).
    static Error nested_transaction() {
        return pw::make_error("nested_transaction", "", "Something went wrong on our side. Please try again in a moment.");
    }

    StoreOptions opt_;
    int version_;
};

}  // namespace pws
