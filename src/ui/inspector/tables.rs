//! Tables whose rows are added, removed and reordered: endpoints, entity fields, topics,
//! buckets.

use egui::{ComboBox, Grid, TextEdit, Ui};

use crate::model::{Architecture, Endpoint, Field, FieldType, Id, Method, Schema, Topic};

use super::Inspector;

/// What a row's buttons asked for.
enum RowOp {
    Up(usize),
    Down(usize),
    Remove(usize),
}

fn row_buttons(ui: &mut Ui, i: usize, len: usize, op: &mut Option<RowOp>) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(i > 0, egui::Button::new("up").small())
            .on_hover_text("move up")
            .clicked()
        {
            *op = Some(RowOp::Up(i));
        }
        if ui
            .add_enabled(i + 1 < len, egui::Button::new("down").small())
            .on_hover_text("move down")
            .clicked()
        {
            *op = Some(RowOp::Down(i));
        }
        if ui.small_button("x").on_hover_text("remove").clicked() {
            *op = Some(RowOp::Remove(i));
        }
    });
}

fn apply<T>(rows: &mut Vec<T>, op: Option<RowOp>) {
    match op {
        Some(RowOp::Up(i)) if i > 0 && i < rows.len() => rows.swap(i, i - 1),
        Some(RowOp::Down(i)) if i + 1 < rows.len() => rows.swap(i, i + 1),
        Some(RowOp::Remove(i)) if i < rows.len() => {
            rows.remove(i);
        }
        _ => {}
    }
}

fn schema_names(arch: &Architecture) -> Vec<Id> {
    let mut names: Vec<Id> = arch.schemas.ids().cloned().collect();
    for c in arch.components.iter() {
        names.extend(c.spec.entities().iter().map(|e| e.name.clone()));
    }
    names.sort();
    names.dedup();
    names
}

fn schema_combo(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut Option<Id>,
    names: &[Id],
) {
    ComboBox::from_id_salt(salt)
        .width(90.0)
        .selected_text(value.as_ref().map_or("—", Id::as_str))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "—");
            for n in names {
                ui.selectable_value(value, Some(n.clone()), n.as_str());
            }
        })
        .response
        .on_hover_text("schema");
}

/// Endpoints of a service or API.
pub fn endpoints(ui: &mut Ui, arch: &Architecture, salt: &str, rows: &mut Vec<Endpoint>) {
    ui.strong(format!("Endpoints ({})", rows.len()));
    let names = schema_names(arch);
    let mut op = None;
    let len = rows.len();
    egui::ScrollArea::horizontal()
        .id_salt((salt, "scroll"))
        .show(ui, |ui| {
            Grid::new(salt).striped(true).num_columns(6).show(ui, |ui| {
                ui.weak("method");
                ui.weak("path");
                ui.weak("request");
                ui.weak("response");
                ui.weak("auth");
                ui.end_row();
                for (i, e) in rows.iter_mut().enumerate() {
                    ComboBox::from_id_salt((salt, "method", i))
                        .width(70.0)
                        .selected_text(e.method.label())
                        .show_ui(ui, |ui| {
                            for m in Method::ALL {
                                ui.selectable_value(&mut e.method, m, m.label());
                            }
                        })
                        .response
                        .on_hover_text("method");
                    ui.add(
                        TextEdit::singleline(&mut e.path)
                            .desired_width(110.0)
                            .hint_text("/path"),
                    )
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "endpoint path")
                    });
                    schema_combo(ui, (salt, "req", i), &mut e.request, &names);
                    schema_combo(ui, (salt, "resp", i), &mut e.response, &names);
                    ui.checkbox(&mut e.auth, "")
                        .on_hover_text("callers must authenticate");
                    row_buttons(ui, i, len, &mut op);
                    ui.end_row();
                }
            });
        });
    apply(rows, op);
    if ui.button("+ Add endpoint").clicked() {
        rows.push(Endpoint {
            method: Method::Get,
            path: format!("/resource-{}", rows.len() + 1),
            ..Endpoint::default()
        });
    }
}

/// A database's entities, each with its fields.
pub fn entities(inspector: &mut Inspector, ui: &mut Ui, id: &Id, rows: &mut Vec<Schema>) {
    ui.strong(format!("Entities ({})", rows.len()));
    let mut op = None;
    let len = rows.len();
    let taken: Vec<Id> = rows.iter().map(|s| s.name.clone()).collect();
    for (i, entity) in rows.iter_mut().enumerate() {
        egui::CollapsingHeader::new(entity.name.as_str())
            .id_salt(("entity", id.as_str(), i))
            .show(ui, |ui| {
                Grid::new(("entity-name", i)).num_columns(2).show(ui, |ui| {
                    let key = format!("entity:{id}:{i}");
                    let current = entity.name.clone();
                    if let Some(name) =
                        inspector.validated_on_commit(ui, &key, "Name", current.as_str(), |t| {
                            let new = Id::new(t.trim()).map_err(|e| e.to_string())?;
                            if new != current && taken.contains(&new) {
                                return Err(format!(
                                    "`{new}` is already an entity of this database"
                                ));
                            }
                            Ok(new)
                        })
                    {
                        entity.name = name;
                    }
                });
                fields(ui, (id.as_str(), i), &mut entity.fields);
                row_buttons(ui, i, len, &mut op);
            });
    }
    apply(rows, op);
    if ui.button("+ Add entity").clicked() {
        let base = Id::slugify("entity", "entity");
        let name = Id::unique(&base, |n| taken.contains(n));
        let mut e = Schema::new(name);
        let mut key = Field::new("id", FieldType::Uuid);
        key.primary_key = true;
        e.fields.push(key);
        rows.push(e);
    }
}

fn fields(ui: &mut Ui, salt: (&str, usize), rows: &mut Vec<Field>) {
    let mut op = None;
    let len = rows.len();
    Grid::new(("fields", salt))
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for h in ["name", "type", "key", "null", "unique", "list"] {
                ui.weak(h);
            }
            ui.end_row();
            for (i, f) in rows.iter_mut().enumerate() {
                ui.add(TextEdit::singleline(&mut f.name).desired_width(90.0))
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "field name")
                    });
                match &f.ty {
                    FieldType::Object(name) => {
                        ui.label(format!("object {name}"));
                    }
                    _ => {
                        ComboBox::from_id_salt(("ftype", salt, i))
                            .width(80.0)
                            .selected_text(f.ty.label())
                            .show_ui(ui, |ui| {
                                for t in FieldType::SCALARS {
                                    let label = t.label();
                                    ui.selectable_value(&mut f.ty, t, label);
                                }
                            });
                    }
                }
                ui.checkbox(&mut f.primary_key, "")
                    .on_hover_text("part of the primary key");
                ui.checkbox(&mut f.nullable, "")
                    .on_hover_text("may be missing");
                ui.checkbox(&mut f.unique, "").on_hover_text("unique");
                ui.checkbox(&mut f.list, "").on_hover_text("a list");
                row_buttons(ui, i, len, &mut op);
                ui.end_row();
            }
        });
    apply(rows, op);
    if ui.small_button("+ Add field").clicked() {
        rows.push(Field::new(
            format!("field_{}", rows.len() + 1),
            FieldType::String,
        ));
    }
}

/// A queue's topics.
pub fn topics(ui: &mut Ui, arch: &Architecture, rows: &mut Vec<Topic>) {
    ui.strong(format!("Topics ({})", rows.len()));
    let names = schema_names(arch);
    let mut op = None;
    let len = rows.len();
    Grid::new("topics")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.weak("name");
            ui.weak("schema");
            ui.weak("partitions");
            ui.end_row();
            for (i, t) in rows.iter_mut().enumerate() {
                ui.add(TextEdit::singleline(&mut t.name).desired_width(120.0))
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, "topic name")
                    });
                schema_combo(ui, ("topic-schema", i), &mut t.schema, &names);
                let mut partitions = t.partitions.unwrap_or(0);
                ui.add(egui::DragValue::new(&mut partitions).range(0..=10_000))
                    .on_hover_text("0: the broker's default");
                t.partitions = (partitions > 0).then_some(partitions);
                row_buttons(ui, i, len, &mut op);
                ui.end_row();
            }
        });
    apply(rows, op);
    if ui.button("+ Add topic").clicked() {
        rows.push(Topic {
            name: format!("topic.{}", rows.len() + 1),
            ..Topic::default()
        });
    }
}

/// A list of strings.
pub fn strings(ui: &mut Ui, title: &str, what: &str, rows: &mut Vec<String>) {
    ui.strong(format!("{title} ({})", rows.len()));
    let mut op = None;
    let len = rows.len();
    Grid::new(title).num_columns(2).show(ui, |ui| {
        for (i, s) in rows.iter_mut().enumerate() {
            ui.add(TextEdit::singleline(s).desired_width(160.0))
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, what));
            row_buttons(ui, i, len, &mut op);
            ui.end_row();
        }
    });
    apply(rows, op);
    if ui.button(format!("+ Add {what}")).clicked() {
        rows.push(format!("{what}-{}", rows.len() + 1));
    }
}
