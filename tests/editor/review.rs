//! Views, flows, playback and presentation mode, driven through the review panel, the canvas
//! and the keyboard.

use archcanvas::ui::AppConfig;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use crate::support::*;

const STEP_1: &str = "The browser posts the cart to POST /orders with the customer's JWT.";
const STEP_2: &str = "The gateway checks the token and forwards the request to the orders service.";

/// A primary click at `pos` on the canvas (press and release without moving).
fn click_at(h: &mut Harness<'_, archcanvas::ui::App>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.step();
    h.step();
}

/// The shop with the review panel open (R).
fn shop_with_panel() -> Harness<'static, archcanvas::ui::App> {
    let mut h = harness(app_on(shop(), AppConfig::headless()));
    assert!(
        h.query_by_label("New view").is_none(),
        "the panel starts hidden"
    );
    h.key_press(Key::R);
    h.run();
    h
}

/// Where the component or connection `id` is on screen, from the canvas's own geometry (with
/// the panel open the canvas zooms out past the level that names items for accessibility).
fn screen_pos(h: &Harness<'_, archcanvas::ui::App>, id: &str) -> Pos2 {
    let canvas = &h.state().canvas;
    let scene = canvas.scene();
    let at = match scene.node(id) {
        Some(n) => n.rect.center(),
        None => {
            let e = &scene.edges[scene.edge_by_id[id] as usize];
            let (a, b) = (&scene.nodes[e.from as usize], &scene.nodes[e.to as usize]);
            let (s, t) =
                archcanvas::ui::canvas::geometry::edge_segment(a.rect, b.rect, e.lane).unwrap();
            s + (t - s) / 2.0
        }
    };
    canvas.camera.screen_from_canvas(canvas.screen_rect(), at)
}

fn pulsing(h: &Harness<'_, archcanvas::ui::App>) -> Option<String> {
    let layer = h.state().canvas.marks.get("flow")?;
    layer.pulses.first().map(|(id, _)| id.to_string())
}

fn dimmed(h: &Harness<'_, archcanvas::ui::App>, id: &str) -> bool {
    h.state().canvas.marks.dimmed(id)
}

#[test]
fn plays_a_flow_forward_and_back() {
    let mut h = shop_with_panel();
    h.get_by_label("Checkout").click();
    h.run();
    h.get_by_label("Play").click();
    h.run_steps(3);
    assert!(
        h.query_by_label(STEP_1).is_some(),
        "the caption narrates step 1"
    );
    assert_eq!(pulsing(&h).as_deref(), Some("web-to-gateway"));
    assert!(!dimmed(&h, "web-to-gateway") && !dimmed(&h, "web") && !dimmed(&h, "gateway"));
    assert!(dimmed(&h, "orders-db"), "the rest is dimmed");

    // Forward with the key, then with the button.
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert!(h.query_by_label(STEP_2).is_some());
    assert!(h.query_by_label(STEP_1).is_none());
    assert_eq!(pulsing(&h).as_deref(), Some("gateway-to-orders"));
    h.get_by_label("Next step »").click();
    h.run_steps(3);
    assert_eq!(pulsing(&h).as_deref(), Some("orders-to-catalog"));
    assert!(
        h.query_by_label("Orders fetches current prices and reserves stock.")
            .is_some()
    );

    // And back.
    h.get_by_label("« Previous step").click();
    h.run_steps(3);
    assert_eq!(pulsing(&h).as_deref(), Some("gateway-to-orders"));
    h.key_press(Key::ArrowLeft);
    h.run_steps(3);
    assert!(h.query_by_label(STEP_1).is_some());
    assert_eq!(pulsing(&h).as_deref(), Some("web-to-gateway"));

    // The pulse travels: its progress changes from frame to frame.
    let t0 = h.state().canvas.marks.get("flow").unwrap().pulses[0].1;
    std::thread::sleep(std::time::Duration::from_millis(30));
    h.run_steps(5);
    let t1 = h.state().canvas.marks.get("flow").unwrap().pulses[0].1;
    assert_ne!(t0, t1, "the pulse moves");

    h.get_by_label("Stop playback").click();
    h.run();
    assert!(pulsing(&h).is_none());
    assert!(!dimmed(&h, "orders-db"));
    assert!(h.query_by_label(STEP_1).is_none());
    assert!(!h.state().doc.is_dirty(), "playing never edits the model");
}

#[test]
fn records_a_flow_by_clicking_connections_and_undoes_steps() {
    let mut h = shop_with_panel();
    h.get_by_label("New flow").click();
    h.run();
    assert!(h.state().review.recording, "a new flow starts recording");
    let flow = h.state().review.selected_flow.clone().expect("selected");
    for conn in ["web-to-gateway", "gateway-to-orders"] {
        let at = screen_pos(&h, conn);
        click_at(&mut h, at);
        h.run();
    }
    let steps = |h: &Harness<'_, archcanvas::ui::App>| -> Vec<String> {
        h.state()
            .doc
            .arch
            .flows
            .iter()
            .find(|f| f.id == flow)
            .map(|f| f.steps.iter().map(|s| s.connection.to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(steps(&h), ["web-to-gateway", "gateway-to-orders"]);

    // Narrate step 2 and mark it parallel.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "narration of step 2")
        .click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "narration of step 2")
        .type_text("Forwarded");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.get_by_label("step 2 parallel").click();
    h.run();
    let f = h
        .state()
        .doc
        .arch
        .flows
        .iter()
        .find(|f| f.id == flow)
        .unwrap()
        .clone();
    assert_eq!(f.steps[1].narration, "Forwarded");
    assert!(f.steps[1].parallel);

    // Reorder, then undo it.
    h.get_by_label("move step 2 up").click();
    h.run();
    assert_eq!(steps(&h), ["gateway-to-orders", "web-to-gateway"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(steps(&h), ["web-to-gateway", "gateway-to-orders"]);

    // Delete a step; undo brings it back.
    h.get_by_label("delete step 1").click();
    h.run();
    assert_eq!(steps(&h), ["gateway-to-orders"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(steps(&h), ["web-to-gateway", "gateway-to-orders"]);

    // Stop recording: clicks on connections select them and add nothing.
    h.get_by_label("Stop recording").click();
    h.run();
    let at = screen_pos(&h, "orders-to-catalog");
    click_at(&mut h, at);
    h.run();
    assert_eq!(steps(&h).len(), 2);
}

#[test]
fn switching_a_view_dims_what_it_does_not_show() {
    let mut h = shop_with_panel();
    h.get_by_label("Data stores").click();
    h.run();
    assert_eq!(
        h.state().review.active_view.as_ref().map(|v| v.as_str()),
        Some("data")
    );
    assert!(!dimmed(&h, "orders-db"), "a database is in the data view");
    assert!(dimmed(&h, "web"), "a client is not");
    assert!(!h.state().doc.is_dirty(), "switching is not an edit");
    h.get_by_label("All components").click();
    h.run();
    assert!(!dimmed(&h, "web"));
}

#[test]
fn view_edits_are_undoable() {
    let mut h = shop_with_panel();
    let before = h.state().doc.arch.views.clone();
    // A new view from the selection.
    let web = screen_pos(&h, "web");
    click_at(&mut h, web);
    h.run();
    h.get_by_label("New view").click();
    h.run();
    let views = &h.state().doc.arch.views;
    assert_eq!(views.len(), before.len() + 1);
    let new = views.last().unwrap().clone();
    assert!(
        new.filter.include.contains("web"),
        "made from the selection"
    );
    assert!(new.viewport.is_some(), "with the current viewport");
    assert_eq!(h.state().review.active_view.as_ref(), Some(&new.id));
    assert!(dimmed(&h, "orders"));

    // Rename it.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "view name")
        .click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "view name")
        .type_text("Front door");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().doc.arch.views.last().unwrap().name, "Front door");

    // Move the first view down and delete another; each undoes by itself.
    h.get_by_label("move view overview down").click();
    h.run();
    let order: Vec<String> = h
        .state()
        .doc
        .arch
        .views
        .iter()
        .map(|v| v.id.to_string())
        .collect();
    assert_eq!(
        order[..2],
        ["checkout-path".to_owned(), "overview".to_owned()]
    );
    h.get_by_label("delete view data").click();
    h.run();
    assert!(
        !h.state()
            .doc
            .arch
            .views
            .iter()
            .any(|v| v.id.as_str() == "data")
    );
    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(h.state().doc.arch.views, before, "undo restores every view");
    assert!(
        !dimmed(&h, "orders"),
        "the undone view shows nothing any more"
    );
}

#[test]
fn presentation_steps_through_views_then_flow_steps_and_esc_leaves() {
    let mut h = shop_with_panel();
    assert!(h.query_by_label("New view").is_some());
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().review.presenting());
    assert!(h.query_by_label("New view").is_none(), "panels are hidden");
    assert!(h.query_by_label("add database").is_none());
    // Slide 1: the first view.
    assert!(h.query_by_label("Overview").is_some());
    assert!(h.query_by_label("The whole shop.").is_some());
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert!(h.query_by_label("Checkout path").is_some());
    assert!(dimmed(&h, "users"), "outside the checkout path");
    assert!(!dimmed(&h, "orders") && !dimmed(&h, "stripe"), "inside it");
    h.key_press(Key::Space);
    h.run_steps(3);
    assert!(h.query_by_label("Data stores").is_some());
    assert!(dimmed(&h, "web"));
    // Then the steps of the flow, with their narration.
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert!(h.query_by_label(STEP_1).is_some());
    assert_eq!(pulsing(&h).as_deref(), Some("web-to-gateway"));
    assert!(!dimmed(&h, "web"), "a step slide shows no view");
    h.key_press(Key::ArrowRight);
    h.run_steps(3);
    assert!(h.query_by_label(STEP_2).is_some());
    h.key_press(Key::ArrowLeft);
    h.run_steps(3);
    assert!(h.query_by_label(STEP_1).is_some());
    h.key_press(Key::ArrowLeft);
    h.run_steps(3);
    assert!(h.query_by_label("Data stores").is_some());
    assert!(pulsing(&h).is_none());

    // The hovered component is highlighted.
    let orders = rect_of(&h, "orders-db").center();
    h.hover_at(orders);
    h.run_steps(3);
    assert!(
        h.state()
            .canvas
            .marks
            .get("present")
            .unwrap()
            .tints
            .contains_key("orders-db")
    );

    // Esc leaves: panels back, marks gone, model untouched.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().review.presenting());
    assert!(h.query_by_label("New view").is_some());
    assert!(h.state().canvas.marks.get("present").is_none());
    assert!(!dimmed(&h, "web"));
    assert!(!h.state().doc.is_dirty());
}

/// Steps marked parallel play together: all of them pulse, and the caption says so.
#[test]
fn parallel_steps_pulse_together() {
    let mut h = shop_with_panel();
    h.get_by_label("Checkout").click();
    h.run();
    h.get_by_label("Play").click();
    h.run_steps(3);
    for _ in 0..4 {
        h.key_press(Key::ArrowRight);
        h.run_steps(3);
    }
    // Step 5 publishes orders.created while the order is stored (4) and the email worker
    // picks the event up (6).
    let layer = h.state().canvas.marks.get("flow").unwrap();
    let pulsing: Vec<&str> = layer.pulses.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        pulsing,
        [
            "orders-writes-db",
            "orders-publishes-created",
            "email-consumes-created"
        ]
    );
    assert!(
        h.query_by_label("Steps 4–6 happen at the same time.")
            .is_some()
    );
}
