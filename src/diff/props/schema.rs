//! Schemas and entities: a description and fields matched by name.

use super::super::recorder::At;
use crate::model::{Field, Schema};

/// Records what differs between two versions of a schema or entity (same name). Fields are
/// matched by name, so moving a field up or down is no change; renaming one is a removal and
/// an addition.
pub(crate) fn schema(at: &mut At<'_>, a: &Schema, b: &Schema) {
    let Schema {
        name: _,
        description,
        fields,
    } = a;
    at.prop("description", description, &b.description);
    at.keyed("fields", fields, &b.fields, |f| f.name.clone(), field);
}

fn field(at: &mut At<'_>, a: &Field, b: &Field) {
    let Field {
        name: _,
        ty,
        primary_key,
        nullable,
        unique,
        list,
        references,
        description,
    } = a;
    // Paths use the file's spelling of each field (`type`, not `ty`).
    at.prop("type", ty, &b.ty);
    at.prop("primary_key", primary_key, &b.primary_key);
    at.prop("nullable", nullable, &b.nullable);
    at.prop("unique", unique, &b.unique);
    at.prop("list", list, &b.list);
    at.prop("references", references, &b.references);
    at.prop("description", description, &b.description);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::Op;
    use crate::id;
    use crate::model::FieldType;

    #[test]
    fn every_field_property_by_the_file_name() {
        let mut a = Schema::new(id!("order-created"));
        a.fields = vec![
            Field::new("order_id", FieldType::Uuid),
            Field::new("items", FieldType::Object(id!("line"))),
            Field::new("gone", FieldType::Int),
        ];
        let mut b = a.clone();
        b.description = "Message on orders.created.".into();
        b.fields.pop();
        b.fields[0].ty = FieldType::String;
        b.fields[0].primary_key = true;
        b.fields[0].unique = true;
        b.fields[0].nullable = true;
        b.fields[0].references = Some(id!("order"));
        b.fields[0].description = "The order.".into();
        b.fields[1].list = true;
        b.fields.swap(0, 1);
        let mut out = Vec::new();
        schema(&mut At::root(&mut out), &a, &b);
        let paths: Vec<_> = out.iter().map(|c| (c.op, c.path.as_str())).collect();
        assert_eq!(
            paths,
            [
                (Op::Changed, "description"),
                (Op::Removed, "fields[gone]"),
                (Op::Changed, "fields[items].list"),
                (Op::Changed, "fields[order_id].type"),
                (Op::Changed, "fields[order_id].primary_key"),
                (Op::Changed, "fields[order_id].nullable"),
                (Op::Changed, "fields[order_id].unique"),
                (Op::Changed, "fields[order_id].references"),
                (Op::Changed, "fields[order_id].description"),
            ]
        );
        assert_eq!(out[3].before.as_deref(), Some("Uuid"));
        assert_eq!(out[3].after.as_deref(), Some("String"));
        assert_eq!(out[7].after.as_deref(), Some(r#""order""#));
    }
}
