// English texts of the admin UI. Error and key-format texts are the server's own (one place holds them).
import { ERROR_TEXT } from '../../shared/error-codes'
import { KEY_FORMAT_TEXT } from '../../shared/key-format'

export const en = {
  title: 'Pleo connection',
  status: {
    label: 'Pleo connection status:',
    disconnected: 'Not connected',
    validating: 'Validation in progress',
    connected: 'Connected',
    failed: 'Connection failed',
    action_required: 'Action required',
  },
  announce: {
    loading: 'Loading the Pleo connection.',
    validating: 'Validation in progress.',
    connected: 'Connected to Company ID: {companyId}.',
    replaced: 'API Key updated. Connected to Company ID: {companyId}.',
    failed: 'Connection failed.',
    refused: 'The new API Key was not saved.',
    action_required: 'Action required. Your connection to Pleo has been interrupted.',
    verified: 'Connection checked: it works.',
    checking: 'Checking the connection.',
    disconnected: 'Disconnected from Pleo.',
  },
  field: {
    label: 'Pleo API Key',
    secret: 'secret credential',
    reveal: 'Show key',
    companyIdLabel: 'Pleo company ID',
  },
  guidance: {
    title: 'About the API Key',
    standalone: {
      where: 'Create the key in the Pleo web app under Settings → API Keys, then paste it here.',
      access: 'The API Key grants company-level access to your Pleo company.',
      secure: 'Treat it like a password: store it securely and never share it.',
      noView: 'After you save it, the key cannot be viewed again.',
    },
    integrated: {
      generated: 'Pleo generated this API Key for you during the installation of this integration.',
      where: 'Copy it from the installation dialog in Pleo, then paste it here.',
      access: 'The API Key grants company-level access to your Pleo company.',
      secure: 'Treat it like a password: store it securely and never share it.',
      noView: 'After you save it, the key cannot be viewed again.',
    },
  },
  keyFormat: { ...KEY_FORMAT_TEXT },
  actions: {
    connect: 'Connect',
    update: 'Update API Key',
    verify: 'Check connection',
    disconnect: 'Disconnect',
    cancel: 'Cancel',
  },
  progress: {
    title: 'Validation in progress',
    steps: {
      validate: 'Validating the API Key',
      activate: 'Activating the installation',
      confirm: 'Confirming the company',
    },
    done: 'done',
    failed: 'failed',
    notReached: 'not reached',
    elsewhere: 'A key for this connection is being checked right now. This page updates by itself.',
  },
  confirmation: {
    connectedTo: 'Connected to Company ID: {companyId}',
    interruptedCompany: 'Company ID: {companyId}',
    companyName: 'Company name',
    keyHint: 'API Key',
    connectedAt: 'Connected since',
    lastVerifiedAt: 'Last checked',
    keyExpiresAt: 'Key expires',
    environment: 'Pleo environment',
    environments: { production: 'Production', staging: 'Staging (test data)' },
  },
  problem: {
    transientTitle: 'Can\'t reach Pleo right now',
    transient: 'The last check could not reach Pleo. The connection is still set up, and this is usually temporary.',
    interruptedTitle: 'Action required',
    interrupted: 'Your connection to Pleo has been interrupted. Please update your API Key to restore access.',
    reasons: {
      key_rejected: 'Pleo no longer accepts the saved API Key. It may have been deleted, replaced or expired.',
      key_lacks_permission: 'The saved API Key no longer has the permissions this app needs.',
      not_connected: 'Pleo no longer shows this integration as installed and active for your company.',
      installation_not_entitled: 'Pleo shows this integration as not available for your company.',
    } as Record<string, string>,
    failedTitle: 'Connection failed',
  },
  error: {
    title: 'What went wrong',
    whatToDo: 'What to do',
    retryAfter: 'You can try again in about {minutes} min.',
    failedStep: 'Failed at: {step}',
    otherCompanyPicked: 'This key belongs to Pleo company {companyId}, not to the company you chose.',
    otherCompanyPickedAction: 'Choose that company, or use a key of the company you want to connect.',
    companyTaken: 'This Pleo company is already connected to another account in this app.',
    companyTakenAction: 'Use the API Key of your own company, or disconnect the company from the other account first.',
  },
  errors: {
    ...ERROR_TEXT,
    network_error: {
      message: 'This app\'s server could not be reached.',
      action: 'Check your internet connection and try again.',
    },
  },
  replace: {
    title: 'Update API Key',
    description: 'Paste the replacement key. It is checked with Pleo before it replaces the current one; until then the current connection keeps working.',
    refused: 'The new API Key was not saved. The current connection is unchanged.',
  },
  companyPicker: {
    legend: 'Choose the Pleo company to connect',
    description: 'This key covers a whole Pleo organisation, and a connection is for exactly one company.',
    option: '{name} (Company ID: {companyId})',
    optionIdOnly: 'Company ID: {companyId}',
    idHint: 'Enter the ID of the Pleo company to connect. You find it in the Pleo web app.',
    idInvalid: 'Enter a Pleo company ID (it looks like 123e4567-e89b-12d3-a456-426614174000).',
    submit: 'Connect this company',
  },
  companyChange: {
    title: 'This key belongs to another Pleo company',
    description: 'This key belongs to Pleo company {companyId}, but this app is connected to company {connectedCompanyId}.',
    question: 'Switch the connection to company {companyId}? The app then works with that company\'s data.',
    confirm: 'Switch company',
    cancel: 'Keep the current company',
  },
  disconnect: {
    title: 'Disconnect from Pleo?',
    description: 'This app forgets the API Key and stops calling Pleo. You can connect again at any time.',
    uninstall: 'Also remove the integration from Pleo',
    uninstallHint: 'Pleo then shows the integration as not installed. To stop the key from working anywhere, delete it in Pleo.',
    confirm: 'Disconnect',
  },
  banner: {
    title: 'Action required',
    message: 'Your connection to Pleo has been interrupted. Please update your API Key to restore access.',
    action: 'Replace API Key',
  },
  page: {
    title: 'Pleo integration',
  },
}

export type PleoMessages = typeof en
export type PleoErrorTextCode = keyof PleoMessages['errors']
