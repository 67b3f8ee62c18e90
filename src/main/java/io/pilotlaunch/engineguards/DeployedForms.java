package io.pilotlaunch.engineguards;

import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.form.FormData;
import org.camunda.bpm.engine.impl.form.entity.CamundaFormDefinitionManager;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.CamundaFormDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/** The Camunda Forms tasks and starts show, read once from their deployments for the guard. */
final class DeployedForms {

  private static final String CAMUNDA_FORMS_IN_DEPLOYMENT = "camunda-forms:deployment:";

  /** Deployed forms never change; keyed by process definition id and task key (or ":start"). */
  private final Map<String, DeployedForm> forms = new ConcurrentHashMap<>();

  DeployedForm ofTask(CommandContext context, TaskEntity task) {
    return task.getTaskDefinition() == null
        ? DeployedForm.NONE
        : forms.computeIfAbsent(
            task.getProcessDefinitionId() + ":" + task.getTaskDefinitionKey(),
            key ->
                deployedForm(
                    context, task.getTaskDefinition().getTaskFormHandler().createTaskForm(task)));
  }

  DeployedForm ofStart(CommandContext context, ProcessDefinitionEntity definition) {
    return forms.computeIfAbsent(
        definition.getId() + ":start",
        key ->
            definition.getStartFormHandler() == null
                ? DeployedForm.NONE
                : deployedForm(
                    context, definition.getStartFormHandler().createStartFormData(definition)));
  }

  /**
   * The Camunda Form a task or start shows, read from its deployment as entities: no nested
   * command, which would mark the caller's transaction rollback-only when it fails. Other kinds of
   * form (embedded HTML, generated) are not read: their tasks accept nothing from team members.
   */
  private static DeployedForm deployedForm(CommandContext context, FormData form) {
    if (form == null) {
      return DeployedForm.NONE;
    }
    String deploymentId = form.getDeploymentId();
    String resourceName = null;
    CamundaFormRef ref = form.getCamundaFormRef();
    if (ref != null && ref.getKey() != null) {
      CamundaFormDefinitionManager definitions = context.getCamundaFormDefinitionManager();
      CamundaFormDefinitionEntity definition =
          switch (ref.getBinding()) {
            case DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT ->
                definitions.findDefinitionByDeploymentAndKey(deploymentId, ref.getKey());
            case DefaultFormHandler.FORM_REF_BINDING_VERSION ->
                definitions.findDefinitionByKeyVersionAndTenantId(
                    ref.getKey(), ref.getVersion(), null);
            default -> definitions.findLatestDefinitionByKey(ref.getKey());
          };
      if (definition != null) {
        deploymentId = definition.getDeploymentId();
        resourceName = definition.getResourceName();
      }
    } else if (form.getFormKey() != null
        && form.getFormKey().startsWith(CAMUNDA_FORMS_IN_DEPLOYMENT)) {
      resourceName = form.getFormKey().substring(CAMUNDA_FORMS_IN_DEPLOYMENT.length());
    }
    ResourceEntity resource =
        resourceName == null
            ? null
            : context
                .getResourceManager()
                .findResourceByDeploymentIdAndResourceName(deploymentId, resourceName);
    return resource == null
        ? DeployedForm.NONE
        : DeployedForm.parse(new ByteArrayInputStream(resource.getBytes()));
  }
}
