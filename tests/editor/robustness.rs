//! Bad input on the canvas: NaN and huge coordinates, a 10 000-character name, 1 000
//! connections between the same pair, a component at 1e9. Run in a debug build, where
//! egui's own assertions fire: the canvas must keep drawing and answering.

use archcanvas::model::{Architecture, Component, Connection, ConnectionKind, Id, Kind, Placement};
use archcanvas::ui::AppConfig;
use archcanvas::ui::commands::Command;
use egui::{Key, Modifiers, Vec2};
use egui_kittest::kittest::Queryable;

use crate::support::*;

fn nasty() -> Architecture {
    let mut a = two();
    let long = Id::new("long").unwrap();
    a.components.insert(Component::new(
        long.clone(),
        "x".repeat(10_000),
        Kind::Service,
    ));
    a.layout.insert(long, Placement::at(0.0, 300.0));
    let far = Id::new("far").unwrap();
    a.components
        .insert(Component::new(far.clone(), "Far away", Kind::External));
    a.layout.insert(far.clone(), Placement::at(1.0e9, 1.0e9));
    let nan = Id::new("nan").unwrap();
    a.components
        .insert(Component::new(nan.clone(), "NaN", Kind::Cache));
    a.layout.insert(nan, Placement::at(f32::NAN, f32::INFINITY));
    let huge = Id::new("huge").unwrap();
    a.components
        .insert(Component::new(huge.clone(), "Huge", Kind::Queue));
    let mut p = Placement::at(-3.0e38, 3.0e38);
    p.width = Some(f32::MAX);
    a.layout.insert(huge, p);
    for i in 0..1000 {
        a.connections.insert(Connection::new(
            Id::new(format!("p{i}")).unwrap(),
            Id::new("api").unwrap(),
            Id::new("db").unwrap(),
            ConnectionKind::Writes,
        ));
    }
    a.connections.insert(Connection::new(
        Id::new("to-far").unwrap(),
        Id::new("api").unwrap(),
        far,
        ConnectionKind::DependsOn,
    ));
    a
}

#[test]
fn the_canvas_survives_bad_numbers_long_names_and_many_parallel_edges() {
    let mut h = harness(app_on(nasty(), AppConfig::headless()));
    // Fit (which cannot include 1e9 at the smallest zoom), zoom in and out, pan.
    for cmd in [
        Command::ZoomFit,
        Command::ZoomReset,
        Command::ZoomIn,
        Command::ZoomOut,
    ] {
        h.state_mut().queue(cmd);
        h.run();
    }
    for _ in 0..20 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: Vec2::new(0.0, -3.0),
            modifiers: Modifiers::COMMAND,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.hover_at(egui::pos2(700.0, 400.0));
        h.step();
    }
    h.run();
    let z = h.state().canvas.camera.zoom;
    assert!(z.is_finite() && z > 0.0);
    // Find and centre on the far component, then on the long one.
    h.state_mut().queue(Command::ZoomReset);
    h.run();
    h.state_mut().canvas.centre_on("far");
    h.run();
    assert!(
        h.query_by_label("far").is_some(),
        "the component at 1e9 is drawn when centred"
    );
    h.state_mut().canvas.centre_on("long");
    h.run();
    h.get_by_label("long").click();
    h.run();
    assert!(h.state().selection.components.contains("long"));
    // Select everything and move it; delete it; undo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    let r = rect_of(&h, "long");
    drag(&mut h, r.center(), r.center() + Vec2::new(40.0, 40.0));
    h.key_press(Key::Delete);
    h.run();
    assert!(h.state().doc.arch.components.is_empty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().doc.arch.connections.len(), 1001);
    let scene_edges = h.state().canvas.scene().edges.len();
    assert_eq!(scene_edges, 1001);
}
