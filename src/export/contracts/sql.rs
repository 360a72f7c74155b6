//! SQL schemas per database, in the database's dialect, tables in dependency order.
//!
//! Tables come from entities: primary keys, `NOT NULL` for fields that are not nullable,
//! `UNIQUE`, and foreign keys to entities of the same database (a reference to another
//! database cannot be a constraint; it is left as a comment and a warning). Tables are
//! created so that every table a foreign key points to exists first; the foreign keys of a
//! reference cycle are added afterwards with `ALTER TABLE` (SQLite checks foreign keys only
//! when rows change, so there they stay in the table).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::super::escape::{SqlDialect, comment, sql_ident, sql_prose};
use super::super::names::file::short_hash;
use super::super::names::{Case, Scope, to_case};
use crate::model::{Component, DbEngine, Field, FieldType, Id, Schema, Spec};

/// Longest identifier written (PostgreSQL's limit; MySQL allows 64).
const MAX_IDENT: usize = 63;

fn limit(name: String) -> String {
    if name.len() <= MAX_IDENT {
        return name;
    }
    let hash = short_hash(&name);
    let head: String = name.chars().take(MAX_IDENT - hash.len() - 2).collect();
    format!("{head}__{hash}")
}

fn column_type(dialect: SqlDialect, f: &Field, indexed: bool) -> &'static str {
    use SqlDialect::*;
    if f.list || matches!(f.ty, FieldType::Object(_)) {
        return match dialect {
            Postgres => "jsonb",
            Mysql => "JSON",
            Sqlite => "TEXT",
        };
    }
    match (dialect, &f.ty) {
        (Postgres, FieldType::Uuid) => "uuid",
        (Postgres, FieldType::String) => "varchar(255)",
        (Postgres, FieldType::Text) => "text",
        (Postgres, FieldType::Int) => "integer",
        (Postgres, FieldType::Long) => "bigint",
        (Postgres, FieldType::Float) => "double precision",
        (Postgres, FieldType::Decimal) => "numeric(19, 4)",
        (Postgres, FieldType::Bool) => "boolean",
        (Postgres, FieldType::Timestamp) => "timestamptz",
        (Postgres, FieldType::Date) => "date",
        (Postgres, FieldType::Json) => "jsonb",
        (Postgres, FieldType::Bytes) => "bytea",
        (Mysql, FieldType::Uuid) => "CHAR(36)",
        (Mysql, FieldType::String) => "VARCHAR(255)",
        (Mysql, FieldType::Text) if indexed => "VARCHAR(255)",
        (Mysql, FieldType::Text) => "TEXT",
        (Mysql, FieldType::Int) => "INT",
        (Mysql, FieldType::Long) => "BIGINT",
        (Mysql, FieldType::Float) => "DOUBLE",
        (Mysql, FieldType::Decimal) => "DECIMAL(19, 4)",
        (Mysql, FieldType::Bool) => "BOOLEAN",
        (Mysql, FieldType::Timestamp) => "DATETIME(6)",
        (Mysql, FieldType::Date) => "DATE",
        (Mysql, FieldType::Json) if indexed => "VARCHAR(255)",
        (Mysql, FieldType::Json) => "JSON",
        (Mysql, FieldType::Bytes) if indexed => "VARBINARY(255)",
        (Mysql, FieldType::Bytes) => "LONGBLOB",
        (Sqlite, FieldType::Int | FieldType::Long | FieldType::Bool) => "INTEGER",
        (Sqlite, FieldType::Float) => "REAL",
        (Sqlite, FieldType::Bytes) => "BLOB",
        (Sqlite, _) => "TEXT",
        (_, FieldType::Object(_)) => "TEXT",
    }
}

struct Table<'a> {
    entity: &'a Schema,
    name: String,
    columns: Vec<(String, &'a Field)>,
}

struct ForeignKey {
    table: usize,
    column: String,
    target: usize,
    target_column: String,
    name: String,
}

/// The SQL file of one database (PostgreSQL, MySQL, MariaDB or SQLite), with the warnings
/// about what could not be expressed. `None` for other engines.
pub fn sql(db: &Component) -> Option<(String, Vec<String>)> {
    let Spec::Database(spec) = &db.spec else {
        return None;
    };
    let (dialect, engine_name) = match spec.engine {
        DbEngine::Postgres => (SqlDialect::Postgres, "PostgreSQL"),
        DbEngine::Mysql => (SqlDialect::Mysql, "MySQL"),
        DbEngine::Mariadb => (SqlDialect::Mysql, "MariaDB"),
        DbEngine::Sqlite => (SqlDialect::Sqlite, "SQLite"),
        DbEngine::Mongodb => return None,
    };
    let mut warnings = Vec::new();
    let mut table_names = Scope::new();
    let tables: Vec<Table<'_>> = spec
        .entities
        .iter()
        .map(|e| {
            let mut cols = Scope::new();
            Table {
                entity: e,
                name: limit(table_names.claim(to_case(e.name.as_str(), Case::Snake), Case::Snake)),
                columns: e
                    .fields
                    .iter()
                    .map(|f| {
                        (
                            limit(cols.claim(to_case(&f.name, Case::Snake), Case::Snake)),
                            f,
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let index: BTreeMap<&Id, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.entity.name, i))
        .collect();

    // Foreign keys, and the tables each table needs first.
    let mut fks: Vec<ForeignKey> = Vec::new();
    let mut needs: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); tables.len()];
    for (ti, t) in tables.iter().enumerate() {
        for (column, f) in &t.columns {
            let Some(target_name) = &f.references else {
                continue;
            };
            let Some(&target) = index.get(target_name) else {
                warnings.push(format!(
                    "{}: `{}.{}` references `{target_name}`, which is not an entity of this \
                     database; no foreign key was written",
                    db.id, t.entity.name, f.name
                ));
                continue;
            };
            let Some(target_table) = tables.get(target) else {
                continue;
            };
            let keys: Vec<&(String, &Field)> = target_table
                .columns
                .iter()
                .filter(|(_, f)| f.primary_key)
                .collect();
            let [(target_column, key)] = keys.as_slice() else {
                warnings.push(format!(
                    "{}: `{}.{}` references `{target_name}`, which has no single-field primary \
                     key; no foreign key was written",
                    db.id, t.entity.name, f.name
                ));
                continue;
            };
            if column_type(dialect, f, true) != column_type(dialect, key, true) {
                warnings.push(format!(
                    "{}: `{}.{}` references `{target_name}` but its type differs from the key's; \
                     no foreign key was written",
                    db.id, t.entity.name, f.name
                ));
                continue;
            }
            if target != ti
                && let Some(n) = needs.get_mut(ti)
            {
                n.insert(target);
            }
            fks.push(ForeignKey {
                table: ti,
                column: column.clone(),
                target,
                target_column: target_column.clone(),
                name: limit(format!("{}_{}_fkey", t.name, column)),
            });
        }
    }

    // Kahn's algorithm, smallest index first for a stable order.
    let mut order = Vec::new();
    let mut done = vec![false; tables.len()];
    loop {
        let next = (0..tables.len()).find(|&i| {
            !done.get(i).copied().unwrap_or(true)
                && needs
                    .get(i)
                    .is_some_and(|n| n.iter().all(|d| done.get(*d).copied().unwrap_or(true)))
        });
        match next {
            Some(i) => {
                if let Some(d) = done.get_mut(i) {
                    *d = true;
                }
                order.push(i);
            }
            None => break,
        }
    }
    let cyclic: Vec<usize> = (0..tables.len()).filter(|i| !order.contains(i)).collect();
    order.extend(&cyclic);
    let position: BTreeMap<usize, usize> = order.iter().enumerate().map(|(p, &t)| (t, p)).collect();
    // A foreign key is inline unless it points at a table created later (a cycle).
    let inline = |fk: &ForeignKey| {
        dialect == SqlDialect::Sqlite
            || fk.target == fk.table
            || position.get(&fk.target) < position.get(&fk.table)
    };

    let q = |name: &str| sql_ident(dialect, name);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "-- Generated by ArchCanvas from the model; edit the model, not this file.\n-- {} ({engine_name})",
        comment(&db.name)
    );
    let about = comment(&db.description);
    if !about.is_empty() {
        let _ = writeln!(out, "-- {about}");
    }
    if dialect == SqlDialect::Sqlite {
        out.push_str("PRAGMA foreign_keys = ON;\n");
    }
    for &ti in &order {
        let Some(t) = tables.get(ti) else { continue };
        out.push('\n');
        let about = comment(&t.entity.description);
        if !about.is_empty() {
            let _ = writeln!(out, "-- {about}");
        }
        let mut lines: Vec<String> = Vec::new();
        for (column, f) in &t.columns {
            let indexed = f.primary_key || f.unique;
            let mut line = format!("    {} {}", q(column), column_type(dialect, f, indexed));
            if !f.nullable || f.primary_key {
                line.push_str(" NOT NULL");
            }
            if dialect == SqlDialect::Mysql && !f.description.is_empty() {
                line.push_str(&format!(" COMMENT {}", sql_prose(dialect, &f.description)));
            }
            lines.push(line);
        }
        let keys: Vec<String> = t
            .columns
            .iter()
            .filter(|(_, f)| f.primary_key)
            .map(|(c, _)| q(c))
            .collect();
        if !keys.is_empty() {
            lines.push(format!(
                "    CONSTRAINT {} PRIMARY KEY ({})",
                q(&limit(format!("{}_pkey", t.name))),
                keys.join(", ")
            ));
        }
        for (column, f) in &t.columns {
            if f.unique && !f.primary_key {
                lines.push(format!(
                    "    CONSTRAINT {} UNIQUE ({})",
                    q(&limit(format!("{}_{}_key", t.name, column))),
                    q(column)
                ));
            }
        }
        for fk in fks.iter().filter(|fk| fk.table == ti && inline(fk)) {
            let Some(target) = tables.get(fk.target) else {
                continue;
            };
            lines.push(format!(
                "    CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
                q(&fk.name),
                q(&fk.column),
                q(&target.name),
                q(&fk.target_column)
            ));
        }
        if lines.is_empty() {
            lines.push(format!("    {} integer", q("placeholder")));
        }
        let _ = write!(
            out,
            "CREATE TABLE {} (\n{}\n)",
            q(&t.name),
            lines.join(",\n")
        );
        match dialect {
            SqlDialect::Mysql => {
                out.push_str(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
                if !t.entity.description.is_empty() {
                    let _ = write!(
                        out,
                        " COMMENT={}",
                        sql_prose(dialect, &t.entity.description)
                    );
                }
                out.push_str(";\n");
            }
            _ => out.push_str(";\n"),
        }
        if dialect == SqlDialect::Postgres {
            if !t.entity.description.is_empty() {
                let _ = writeln!(
                    out,
                    "COMMENT ON TABLE {} IS {};",
                    q(&t.name),
                    sql_prose(dialect, &t.entity.description)
                );
            }
            for (column, f) in &t.columns {
                if !f.description.is_empty() {
                    let _ = writeln!(
                        out,
                        "COMMENT ON COLUMN {}.{} IS {};",
                        q(&t.name),
                        q(column),
                        sql_prose(dialect, &f.description)
                    );
                }
            }
        }
    }
    let deferred: Vec<&ForeignKey> = fks.iter().filter(|fk| !inline(fk)).collect();
    if !deferred.is_empty() {
        out.push_str("\n-- Foreign keys of a reference cycle, added once every table exists.\n");
        for fk in deferred {
            let (Some(t), Some(target)) = (tables.get(fk.table), tables.get(fk.target)) else {
                continue;
            };
            let _ = writeln!(
                out,
                "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({});",
                q(&t.name),
                q(&fk.name),
                q(&fk.column),
                q(&target.name),
                q(&fk.target_column)
            );
        }
    }
    Some((out, warnings))
}
