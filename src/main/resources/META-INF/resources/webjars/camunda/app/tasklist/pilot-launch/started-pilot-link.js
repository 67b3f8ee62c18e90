/*
 * Pilot Launch, loaded by scripts/config.js (customScripts): after a pilot is started from
 * Tasklist's start form, a notification links the new pilot's page, /pilots/{tenant}. Tasklist
 * itself says only "The process has been started." and stays on a list where a new pilot has no
 * task of the person yet.
 *
 * It watches the start request Tasklist sends (POST …/process-definition/{id}/submit-form): its
 * form data names the tenant, and a 200 means the pilot started. Camunda's webapps offer no hook
 * after a start; its own notification service shows the link, once the start dialog has closed
 * (a notification added while it is open would show inside it and close with it).
 */
const SUBMIT_START_FORM = /\/process-definition\/[^/?]+\/submit-form(\?|$)/;
const TENANT_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const open = XMLHttpRequest.prototype.open;
const send = XMLHttpRequest.prototype.send;

XMLHttpRequest.prototype.open = function (method, url, ...rest) {
  this.pilotLaunchStart = method === 'POST' && SUBMIT_START_FORM.test(String(url));
  return open.call(this, method, url, ...rest);
};

XMLHttpRequest.prototype.send = function (body) {
  const tenantId = this.pilotLaunchStart ? tenantOf(body) : null;
  if (tenantId) {
    this.addEventListener('load', () => {
      if (this.status === 200) {
        whenDialogClosed(() => announce(tenantId));
      }
    });
  }
  return send.call(this, body);
};

function tenantOf(body) {
  try {
    const tenantId = JSON.parse(body).variables.tenantId.value;
    return typeof tenantId === 'string' && TENANT_ID.test(tenantId) ? tenantId : null;
  } catch (notAStartForm) {
    return null;
  }
}

function whenDialogClosed(then, triesLeft = 100) {
  if (!document.querySelector('.modal') || triesLeft === 0) {
    then();
  } else {
    setTimeout(() => whenDialogClosed(then, triesLeft - 1), 100);
  }
}

function announce(tenantId) {
  const injector = window.angular.element(document.documentElement).injector();
  injector.get('Notifications').addMessage({
    type: 'success',
    status: 'Pilot ' + tenantId + ' started',
    // the tenant id is lower-case letters, digits and dashes (checked above): safe in HTML
    message:
      '<a class="pilot-started-link" href="/pilots/' +
      tenantId +
      '">open its milestone document</a>; its teams find their pre-checklist items in their task lists.',
    unsafe: true,
    duration: 60000
  });
  injector.get('$rootScope').$applyAsync();
}

export default [];
