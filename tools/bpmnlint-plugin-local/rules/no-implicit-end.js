// bpmnlint's own "no-implicit-end", except that a compensation boundary event counts as connected
// when its association lies in the enclosing (sub)process. Upstream only looks at process level,
// but Camunda 7 links a boundary event to its compensation handler only when the association is
// in the same subprocess (with the association at process level the engine runs the handler but
// does not know which boundary event it belongs to).
const { is } = require('bpmnlint-utils');
const upstream = require('bpmnlint/rules/no-implicit-end');

function isCompensationBoundary(node) {
  return is(node, 'bpmn:BoundaryEvent') && (node.eventDefinitions || []).length > 0 &&
    node.eventDefinitions.every((d) => is(d, 'bpmn:CompensateEventDefinition'));
}

function hasAssociationInScope(node) {
  let scope = node.$parent;
  while (scope && !is(scope, 'bpmn:SubProcess') && !is(scope, 'bpmn:Process')) {
    scope = scope.$parent;
  }
  return !!scope && (scope.artifacts || []).some((a) => is(a, 'bpmn:Association') && a.sourceRef && a.sourceRef.id === node.id);
}

module.exports = function() {
  const rule = upstream();
  return {
    ...rule,
    check(node, reporter) {
      if (isCompensationBoundary(node) && hasAssociationInScope(node)) {
        return;
      }
      return rule.check(node, reporter);
    }
  };
};
