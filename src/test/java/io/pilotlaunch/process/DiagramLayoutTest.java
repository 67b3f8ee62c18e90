package io.pilotlaunch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Association;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The diagram people read in Cockpit: every flow element has a shape or an edge (BPMN DI), no two
 * shapes overlap (except a boundary event on its host and elements inside their expanded
 * subprocess), children lie inside their subprocess, and the main line reads left to right.
 */
class DiagramLayoutTest {

  static BpmnModelInstance read(String file) {
    return Bpmn.readModelFromFile(Path.of("processes", file).toFile());
  }

  @ParameterizedTest
  @ValueSource(strings = {"MvpPilotLaunch.bpmn", "PostMvpEnhancements.bpmn"})
  void everyFlowElementHasAShapeOrEdge(String file) {
    BpmnModelInstance model = read(file);
    Set<String> drawn = new HashSet<>();
    model
        .getModelElementsByType(BpmnShape.class)
        .forEach(s -> drawn.add(s.getBpmnElement().getId()));
    model
        .getModelElementsByType(BpmnEdge.class)
        .forEach(e -> drawn.add(e.getBpmnElement().getId()));
    List<String> missing = new ArrayList<>();
    model
        .getModelElementsByType(FlowElement.class)
        .forEach(
            e -> {
              if (!drawn.contains(e.getId())) {
                missing.add(e.getId());
              }
            });
    model
        .getModelElementsByType(Association.class)
        .forEach(
            a -> {
              if (!drawn.contains(a.getId())) {
                missing.add(a.getId());
              }
            });
    assertThat(missing).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MvpPilotLaunch.bpmn", "PostMvpEnhancements.bpmn"})
  void noTwoShapesOverlap(String file) {
    assertThat(overlaps(read(file))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"MvpPilotLaunch.bpmn", "PostMvpEnhancements.bpmn"})
  void elementsLieInsideTheirExpandedSubprocess(String file) {
    BpmnModelInstance model = read(file);
    List<String> outside = new ArrayList<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      ModelElementInstance parent = shape.getBpmnElement().getParentElement();
      if (parent instanceof SubProcess sub
          && !contains(shapeOf(model, sub).getBounds(), shape.getBounds())) {
        outside.add(shape.getBpmnElement().getId() + " outside " + sub.getId());
      }
    }
    assertThat(outside).isEmpty();
  }

  @Test
  void phasesReadLeftToRight() {
    assertLeftToRight(
        read("MvpPilotLaunch.bpmn"),
        List.of(
            "StartEvent_PilotLaunchRequested",
            "SubProcess_PreChecklist",
            "SubProcess_Phase1PilotTenantOnboarding",
            "SubProcess_Phase2PilotExecution",
            "SubProcess_Phase3PilotExitSignOff",
            "SubProcess_MilestoneReview",
            "Task_StartPostMvpEnhancements",
            "EndEvent_MvpPilotLaunched"));
  }

  @Test
  void milestone7SectionsReadLeftToRight() {
    assertLeftToRight(
        read("PostMvpEnhancements.bpmn"),
        List.of(
            PostMvpEnhancementsProcess.Elements.START_EVENT_POST_MVP_ENHANCEMENTS_REQUESTED,
            PostMvpEnhancementsProcess.Elements.SUB_PROCESS_PRE_CHECKLIST,
            PostMvpEnhancementsProcess.Elements.SUB_PROCESS_PHASE1_ENHANCEMENT_PLANNING,
            PostMvpEnhancementsProcess.Elements.SUB_PROCESS_MILESTONE_REVIEW,
            PostMvpEnhancementsProcess.Elements.END_EVENT_ENHANCEMENT_CANDIDATES_PLANNED));
  }

  private static void assertLeftToRight(BpmnModelInstance model, List<String> order) {
    for (int i = 1; i < order.size(); i++) {
      Bounds before = shapeOf(model, model.getModelElementById(order.get(i - 1))).getBounds();
      Bounds after = shapeOf(model, model.getModelElementById(order.get(i))).getBounds();
      assertThat(after.getX())
          .as(order.get(i) + " right of " + order.get(i - 1))
          .isGreaterThanOrEqualTo(before.getX() + before.getWidth());
    }
  }

  @Test
  void anOverlapIsReported() {
    BpmnModelInstance model = read("MvpPilotLaunch.bpmn");
    Bounds qa =
        shapeOf(model, model.getModelElementById("Task_ExecuteOnboardingVerification")).getBounds();
    Bounds auto =
        shapeOf(model, model.getModelElementById("Task_RunOnboardingVerification")).getBounds();
    qa.setX(auto.getX() + 10);
    qa.setY(auto.getY() + 10);
    assertThat(overlaps(model))
        .containsExactly(
            "Task_RunOnboardingVerification overlaps Task_ExecuteOnboardingVerification");
  }

  static List<String> overlaps(BpmnModelInstance model) {
    List<BpmnShape> shapes = new ArrayList<>(model.getModelElementsByType(BpmnShape.class));
    List<String> result = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      for (int j = i + 1; j < shapes.size(); j++) {
        BaseElement a = shapes.get(i).getBpmnElement();
        BaseElement b = shapes.get(j).getBpmnElement();
        if (intersect(shapes.get(i).getBounds(), shapes.get(j).getBounds())
            && !allowed(a, b)
            && !allowed(b, a)) {
          result.add(a.getId() + " overlaps " + b.getId());
        }
      }
    }
    return result;
  }

  /** A boundary event on its host, or an element inside an (ancestor) subprocess. */
  static boolean allowed(BaseElement a, BaseElement b) {
    if (a instanceof BoundaryEvent boundary && boundary.getAttachedTo().equals(b)) {
      return true;
    }
    for (ModelElementInstance p = a.getParentElement(); p != null; p = p.getParentElement()) {
      if (p.equals(b)) {
        return true;
      }
    }
    return false;
  }

  static boolean intersect(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth()
        && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight()
        && b.getY() < a.getY() + a.getHeight();
  }

  static boolean contains(Bounds outer, Bounds inner) {
    return inner.getX() >= outer.getX()
        && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  static BpmnShape shapeOf(BpmnModelInstance model, BaseElement element) {
    return model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement().equals(element))
        .findFirst()
        .orElseThrow();
  }
}
