import type { RemotingCheckId } from '../../shared/checks/remoting-catalogue';

// Microsoft documentation (and Microsoft's own issue trackers) each check cites in the UI and the report.
const winrmConfiguration =
  'https://learn.microsoft.com/windows/win32/winrm/installation-and-configuration-for-windows-remote-management';
const winrmHttps =
  'https://learn.microsoft.com/troubleshoot/windows-client/system-management-components/configure-winrm-for-https';
const remoteTroubleshooting =
  'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_remote_troubleshooting?view=powershell-5.1';
const sessionConfigurations =
  'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_session_configurations?view=powershell-5.1';
const getSessionConfiguration =
  'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/get-pssessionconfiguration?view=powershell-5.1';
const remoteRequirements =
  'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_remote_requirements?view=powershell-5.1';
const unconstrainedDelegation =
  'https://learn.microsoft.com/defender-for-identity/security-assessment-unconstrained-kerberos';
const constrainedDelegation =
  'https://learn.microsoft.com/windows-server/security/kerberos/kerberos-constrained-delegation-overview';
const secondHop = 'https://learn.microsoft.com/powershell/scripting/security/remoting/ps-remoting-second-hop';
const firewallRule = 'https://learn.microsoft.com/powershell/module/netsecurity/new-netfirewallrule';
const setService =
  'https://learn.microsoft.com/powershell/module/microsoft.powershell.management/set-service?view=powershell-5.1';
// The Exchange support team's own tracking of TrustedHosts "*" breaking the Exchange Management Shell.
const trustedHostsBreakEms = 'https://github.com/microsoft/CSS-Exchange/issues/2412';
const wsmanProvider =
  'https://learn.microsoft.com/powershell/module/microsoft.wsman.management/about/about_wsman_provider?view=powershell-5.1';

export const checkReferences: Record<RemotingCheckId, readonly string[]> = {
  'winrm.service': [setService, winrmConfiguration],
  'winrm.listener.https': [winrmConfiguration, winrmHttps],
  'winrm.listener.cert': [winrmHttps, winrmConfiguration],
  'winrm.auth.cbt': [winrmConfiguration, wsmanProvider],
  'psremoting.sessionconfig': [sessionConfigurations, getSessionConfiguration],
  'psremoting.serviceaccount': [remoteRequirements, sessionConfigurations],
  'ad.delegation': [unconstrainedDelegation, constrainedDelegation, secondHop],
  'firewall.5986': [firewallRule, remoteTroubleshooting],
  'network.5986': [remoteTroubleshooting],
  'winrm.trustedhosts': [remoteTroubleshooting, winrmConfiguration],
  'winrm.trustedhosts.exchange': [trustedHostsBreakEms, wsmanProvider],
};
