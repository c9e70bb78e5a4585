import { IntegrationProfile } from './integration-profile';

/**
 * Monosign MFA for Outlook on the web and the Exchange admin center, as the vendor's manual steps
 * describe it: six appSettings keys and one module at the end of system.webServer/modules.
 */
export const monosignProfile: IntegrationProfile = IntegrationProfile.parse({
  schemaVersion: 1,
  id: 'monosign',
  title: 'Monosign MFA for OWA and ECP',
  vendor: 'Monofor',
  apps: [
    {
      id: 'owa',
      title: 'Outlook on the web (owa)',
      fileMarker: { key: 'HttpProxy.ProtocolType', value: 'Owa' },
    },
    {
      id: 'ecp',
      title: 'Exchange admin center (ecp)',
      fileMarker: { key: 'HttpProxy.ProtocolType', value: 'Ecp' },
    },
  ],
  appSettings: [
    {
      key: 'MONOSIGN_API_URL',
      label: 'API address',
      validator: 'https-url',
      secret: false,
      required: true,
      description: 'Address of the Monosign API the module calls.',
    },
    {
      key: 'MONOSIGN_API_KEY',
      label: 'API key',
      validator: 'secret',
      secret: true,
      required: true,
      description: 'Access key of the Monosign application (Keys, Rest API Key).',
    },
    {
      key: 'MONOSIGN_API_SECRET',
      label: 'API secret',
      validator: 'secret',
      secret: true,
      required: true,
      description: 'Secret of that access key.',
    },
    {
      key: 'MONOSIGN_DEBUG_MODE',
      label: 'Detailed logging (debug mode)',
      validator: 'boolean',
      secret: false,
      required: false,
      description: 'true to write detailed logs.',
    },
    {
      key: 'MONOSIGN_LOG_PATH',
      label: 'Log folder',
      validator: 'windows-path',
      secret: false,
      required: false,
      description: 'Folder on the Exchange server where the module writes its logs.',
    },
    {
      key: 'MONOSIGN_USER_EXCEPTIONS',
      label: 'Users who sign in without MFA',
      validator: 'email-list',
      secret: false,
      required: false,
      description: 'E-mail addresses of users who sign in without MFA.',
    },
  ],
  extraSetting: {
    label: 'User source',
    description:
      'Only with several user sources in Monosign: the Active Directory user source name (slug) or its domain name. Enter the key name and the value as Monosign gives them.',
    validator: 'text',
    secret: false,
  },
  module: {
    name: 'MonoSignExchange',
    type: 'MonoSign.IISModule.MSExchange, MonoSign.IISModule',
    // The subject the demo lab shows for the vendor's signed DLLs; confirm it against a signed release.
    signer: 'CN=Monofor Bilisim A.S., O=Monofor Bilisim A.S., L=Istanbul, C=TR',
  },
});
