// Fix ids the remoting checks point to; the fixes (scripts, previews, risk levels) are defined elsewhere.
export const remotingFixIds = {
  winrmServiceStart: 'winrm.service.start-automatic',
  httpsListenerCreate: 'winrm.listener.https.create',
  httpsListenerEnable: 'winrm.listener.https.enable',
  listenerCertificateReplace: 'winrm.listener.cert.replace',
  cbtHardeningNone: 'winrm.auth.cbt.set-none',
  sessionConfigurationReset: 'psremoting.sessionconfig.reset',
  serviceAccountAddToRemoteManagementUsers: 'psremoting.serviceaccount.add-to-remote-management-users',
  trustedForDelegation: 'ad.delegation.trust-for-delegation',
  firewallAllow5986: 'firewall.5986.allow',
  trustedHostsAddServer: 'winrm.trustedhosts.add-server',
} as const;
