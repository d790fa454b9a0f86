// Argo CD's health check for its own Application kind. Argo CD ships none (since 1.8), so without it a child
// Application counts as healthy the moment it exists and the app of apps' sync waves do not wait for
// anything. Rendered into Argo CD's argocd-cm through the argo-cd Application's Helm values (platform area);
// the Argo CD end-to-end test bootstraps its argocd-cm from those rendered values, so it runs this very script.

/** argocd-cm key of a health customization for group `argoproj.io`, kind `Application`. */
export const APPLICATION_HEALTH_CHECK_KEY = 'resource.customizations.health.argoproj.io_Application';

/**
 * A child Application is as healthy as Argo CD last assessed the objects it deploys; before the first
 * assessment, and while its objects are still Missing (not created yet, e.g. custom resources waiting for their
 * CRDs), it is still progressing, so the parent's next wave waits. Passing "Missing" through let the app of
 * apps start the next wave early: Argo CD waits only on Progressing (seen in the real Argo CD e2e).
 */
export const APPLICATION_HEALTH_CHECK_LUA = [
  'local hs = { status = "Progressing", message = "no health assessment yet" }',
  'if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then',
  '  hs.status = obj.status.health.status',
  '  hs.message = obj.status.health.message or ""',
  '  if hs.status == "Missing" then',
  '    hs.status = "Progressing"',
  '    hs.message = "its objects do not exist yet"',
  '  end',
  'end',
  'return hs',
  '',
].join('\n');
