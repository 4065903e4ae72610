// English: every sentence an admin reads, from the UI and from the server's errors (which answer in English).
// `integrated` entries replace words for Integrated API Keys: Pleo generates those keys during the installation
// and sets their permissions, so their admins reinstall or reconnect the integration rather than create a key.
import type { ErrorCatalogue } from './catalogue'

const errors = {
  key_malformed: {
    message: 'This does not look like a Pleo API Key.',
    action: 'Copy the whole key from Pleo again, without spaces or extra text, and paste it here.',
    integrated: { action: 'Copy the whole key from Pleo\'s installation dialog again, without spaces or extra text, and paste it here.' },
    variants: {
      empty: { message: 'Paste your Pleo API Key.' },
      too_short: { message: 'This key is too short to be a Pleo API Key. Copy the whole key from Pleo.' },
      too_long: { message: 'This is too long to be a Pleo API Key. Copy only the key.' },
      inner_whitespace: { message: 'The key contains spaces or line breaks. Copy the key again, without extra text.' },
      invisible_characters: { message: 'The key contains characters a Pleo API Key cannot have. Copy it again from Pleo.' },
      url: { message: 'This is a web address, not an API Key. Copy the key itself from Pleo.' },
      authorization_header: { message: 'Paste only the key, without "Basic" or "Bearer" in front of it.' },
      env_line: { message: 'This is a line of a configuration file. Paste only the key, the part after "=".' },
      quoted: { message: 'The key is in quotes. Paste it without the quotes.' },
      company_id: { message: 'This is a company ID, not an API Key. Copy the API Key from Pleo.' },
    },
  },
  key_rejected: {
    message: 'The API Key appears to be invalid. Pleo did not accept it.',
    action: 'Please check the key and try again. If it was deleted or has expired, create a new one in Pleo.',
    integrated: { action: 'Please check that you pasted the key from Pleo\'s installation dialog and try again. If it still fails, reinstall the integration from Pleo to get a new key.' },
    variants: {
      stopped_working: {
        message: 'Pleo no longer accepts the saved API Key. It may have been deleted, replaced or expired.',
        action: 'Please update your API Key to restore access: create a new key in Pleo and paste it here.',
        integrated: {
          message: 'Pleo no longer accepts the saved API Key. The integration may have been uninstalled, or its key replaced, in Pleo.',
          action: 'Please update your API Key to restore access: reconnect the integration from Pleo to get a new key, and paste it here.',
        },
      },
      expired: {
        message: 'Pleo no longer accepts the saved API Key: it expired on {date}, the date entered for it.',
        action: 'Please update your API Key to restore access: create a new key in Pleo and paste it here.',
        integrated: { action: 'Please update your API Key to restore access: reconnect the integration from Pleo to get a new key, and paste it here.' },
      },
      expired_by_date: {
        message: 'The expiry date entered for this key ({date}) has passed, so Pleo may stop accepting it at any moment.',
        action: 'Create a new key in Pleo and update it here.',
        integrated: { action: 'Reconnect the integration from Pleo to get a new key, and update it here.' },
      },
    },
  },
  key_wrong_environment: {
    message: 'This API Key belongs to another Pleo environment than the one this app connects to.',
    action: 'Create a key in the Pleo environment this app uses and paste it here, or ask your developers to connect the app to the other environment.',
    integrated: { action: 'Install the integration from the Pleo environment this app uses to get a key for it, or ask your developers to connect the app to the other environment.' },
    variants: {
      staging: {
        message: 'This API Key was created in Pleo\'s staging environment (test data), but this app connects to Pleo\'s production environment.',
        action: 'Create a key in Pleo (production) and paste it here. If this app should use test data, ask your developers to connect it to staging.',
        integrated: { action: 'Install the integration from Pleo (production) to get a key for it. If this app should use test data, ask your developers to connect it to staging.' },
      },
      production: {
        message: 'This API Key was created in Pleo\'s production environment, but this app connects to Pleo\'s staging environment (test data).',
        action: 'Create a key in Pleo\'s staging environment and paste it here. If this app should use real data, ask your developers to connect it to production.',
        integrated: { action: 'Install the integration from Pleo\'s staging environment to get a key for it. If this app should use real data, ask your developers to connect it to production.' },
      },
    },
  },
  key_seen_before: {
    message: 'This API Key was used for this connection before.',
    action: 'Paste the new key from Pleo, or use this one anyway.',
    integrated: { action: 'Paste the key from Pleo\'s installation dialog, or use this one anyway.' },
    variants: {
      in_use: { message: 'This is the API Key already in use for this connection.' },
      replaced: { message: 'This is the API Key that was replaced on {seenAt}.' },
      refused: { message: 'Pleo refused this API Key on {seenAt}.' },
    },
  },
  key_lacks_permission: {
    message: 'This key does not have the required permissions.',
    action: 'Create a key with the permissions this app needs, or ask a Pleo admin to grant them, then try again.',
    integrated: { action: 'Pleo sets this integration\'s permissions when it is installed: reinstall the integration from Pleo, or ask your company\'s Pleo admin to approve the permissions it asks for.' },
    variants: {
      stopped_working: {
        message: 'The saved API Key no longer has the permissions this app needs.',
        action: 'Please update your API Key to restore access: create a key with the permissions this app needs in Pleo, and paste it here.',
        integrated: { action: 'Please update your API Key to restore access: reconnect the integration from Pleo so that it gets the permissions it needs, and paste the new key here.' },
      },
      missing_scopes: {
        message: 'This API Key lacks permissions this app needs: {scopes}.',
        action: 'Create a key in Pleo that also has these permissions, and paste it here.',
        integrated: { action: 'Reinstall the integration from Pleo and approve the permissions it asks for, then paste the new key here.' },
      },
      operation: {
        message: 'The API Key does not allow this app to call {operation}.',
        action: 'Create a key that also has this permission in Pleo, and update it here. Everything else keeps working.',
        integrated: { action: 'Ask your company\'s Pleo admin to reinstall the integration with this permission. Everything else keeps working.' },
      },
    },
  },
  key_other_company: {
    message: 'This key belongs to another Pleo company than expected.',
    action: 'Check that you copied the key for the right company. To switch companies, confirm the change.',
    variants: {
      picked_other: {
        message: 'This key belongs to Pleo company {companyId}, not to the company you chose.',
        action: 'Choose that company, or use a key of the company you want to connect.',
      },
      held_elsewhere: {
        message: 'This Pleo company is already connected to another account in this app.',
        action: 'Use the API Key of your own company, or disconnect the company from the other account first.',
      },
      switch: {
        message: 'This key belongs to Pleo company {companyId}, but this app is connected to company {connectedCompanyId}.',
        action: 'Check that you copied the right key. To switch to the other company, confirm the change.',
      },
    },
  },
  organisation_key_needs_company: {
    message: 'This key gives access to a whole Pleo organisation, but a connection needs exactly one company.',
    action: 'Choose the company to connect, or create a company-level key in Pleo (the safer choice: it can reach only that company).',
    integrated: { action: 'Choose the company to connect.' },
  },
  installation_not_entitled: {
    message: 'Pleo could not activate this integration for your company.',
    action: 'Check that your Pleo plan includes this integration, or contact Pleo support, then try again.',
    integrated: { action: 'Ask your company\'s Pleo admin to check that this integration is enabled for your company, or contact Pleo support, then try again.' },
    variants: {
      kept_inactive: { message: 'Pleo did not activate the integration for your company (its status is {status}).' },
      not_active: {
        message: 'Pleo shows this integration as not available for your company.',
        integrated: { action: 'Ask your company\'s Pleo admin to enable the integration again, then update the API Key here.' },
      },
    },
  },
  pleo_rate_limited: {
    message: 'Pleo is receiving too many requests right now.',
    action: 'Wait a moment and try again.',
    variants: {
      while_connected: {
        message: 'Pleo is limiting this app\'s requests right now. The connection is set up; calls to Pleo wait until Pleo accepts them again.',
        action: 'Nothing to do: it usually passes within minutes.',
      },
    },
  },
  pleo_unreachable: {
    message: 'We can\'t reach Pleo right now.',
    action: 'Check your connection and try again in a few minutes.',
  },
  pleo_unavailable: {
    message: 'Pleo is having trouble answering right now.',
    action: 'Try again in a few minutes. If it keeps happening, check Pleo\'s status page.',
    variants: {
      redirect: { message: 'Pleo answered in an unexpected way (a redirect).' },
      too_large: { message: 'Pleo sent an unexpectedly large answer.' },
      unexpected: { message: 'Pleo answered in an unexpected way.' },
      no_company: { message: 'Pleo did not say which company the installation belongs to.' },
    },
  },
  pleo_request_failed: {
    message: 'Pleo refused this request (status {status}).',
    action: 'Check what the app sent; the connection itself works.',
  },
  not_connected: {
    message: 'This app is not connected to Pleo.',
    action: 'Connect with a Pleo API Key first.',
    variants: {
      needs_attention: {
        message: 'The connection to Pleo needs attention: an admin must update the API Key.',
        action: 'Ask an admin to open the Pleo settings and replace the API Key.',
      },
      uninstalled: {
        message: 'Pleo no longer has this integration installed for your company.',
        action: 'Update the API Key to install and connect it again.',
        integrated: { action: 'Reinstall the integration from Pleo, then update the API Key here.' },
      },
      not_active: {
        message: 'Pleo shows this integration as not active for your company.',
        action: 'Update the API Key to activate the connection again.',
      },
    },
  },
  busy: {
    message: 'Another change to this connection is being checked right now.',
    action: 'Wait for it to finish, then try again.',
  },
  too_many_attempts: {
    message: 'Too many attempts to connect in a short time.',
    action: 'Wait a few minutes, check the key, and try again.',
    variants: {
      check_cooldown: { message: 'The connection was checked moments ago.', action: 'Wait a few seconds before checking it again.' },
    },
  },
  unauthenticated: {
    message: 'You need to be signed in to manage the Pleo connection.',
    action: 'Sign in to this app, then try again.',
  },
  forbidden: {
    message: 'You are not allowed to manage the Pleo connection.',
    action: 'Ask an administrator of this app for access.',
    variants: {
      cross_site: {
        message: 'Changes to the Pleo connection can only be made from this app\'s own pages.',
        action: 'Open the settings page of this app and try again there.',
      },
      no_policy: { message: 'The Pleo connection has no access policy on this server.' },
      unknown_tenant: { message: 'This request does not belong to a known customer account.' },
      use_refused: { message: 'You are not allowed to use the Pleo connection.' },
      other_company: {
        message: 'This request names Pleo company {companyId}, but this connection is for company {connectedCompanyId}. Nothing was sent to Pleo.',
        action: 'Call Pleo only for the connected company.',
      },
    },
  },
  not_configured: {
    message: 'The Pleo connection is not set up on this server.',
    action: 'Ask the app\'s developers to finish the setup.',
    variants: {
      key_unreadable: {
        message: 'The saved API Key cannot be opened with this server\'s encryption keys, so the connection cannot work.',
        action: 'Ask the app\'s developers to restore the previous encryption key, or update the API Key here.',
      },
    },
  },
  storage_unavailable: {
    message: 'This app cannot reach the place where it keeps the Pleo connection right now. Nothing was changed.',
    action: 'Try again in a minute. If it keeps happening, contact the app\'s developers.',
  },
  invalid_request: {
    message: 'The request could not be understood.',
    action: 'Reload the page and try again.',
    variants: {
      not_json: { message: 'The request body is not valid JSON.' },
      unreadable_body: { message: 'The request body could not be read.' },
      json_only: { message: 'Send the request as JSON (Content-Type: application/json).', action: 'Use the app\'s own settings page, or send JSON.' },
      no_body_expected: { message: 'This request takes no body.', action: 'Send it without a body.' },
      too_large: { message: 'The request is larger than {limit} bytes.', action: 'Send only the API Key and its options.' },
      invalid_field: { message: 'Invalid {field}.', action: 'Check the value and try again.' },
      expiry_passed: { message: 'The expiry date {date} has already passed.', action: 'Enter the expiry date Pleo shows for this key, or leave the field empty.' },
    },
  },
  internal_error: {
    message: 'Something went wrong on our side.',
    action: 'Try again. If it keeps happening, contact the app\'s developers.',
  },
  network_error: {
    message: 'This app\'s server could not be reached.',
    action: 'Check your internet connection and try again.',
  },
} satisfies ErrorCatalogue

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
    expiresLabel: 'Key expires on',
    optional: 'optional',
    expiresHint: 'If the key has an expiration date in Pleo, enter it here to be reminded before the key stops working.',
    expiresInvalid: 'Enter the date as YYYY-MM-DD, for example 2027-01-31.',
    kept: 'The key you entered is still in the field: correct it, or try again.',
    insecure: 'This page is not served over a secure connection (https), so the API Key would travel unencrypted. Ask your app\'s developers to serve it over https before you enter a key.',
    cleaned: {
      quotes: 'Removed the quotes around the key.',
      env_line: 'Took the key from the configuration line (the part after "=").',
      authorization_header: 'Removed the "Authorization" header around the key.',
      invisible_characters: 'Removed invisible characters that came with the copy.',
      line_breaks: 'Removed the line breaks of a wrapped copy.',
    },
  },
  guidance: {
    title: 'About the API Key',
    standalone: {
      where: 'Create the key in the Pleo web app under Settings → API Keys, then paste it here.',
      access: 'The API Key grants company-level access to your Pleo company.',
      leastPrivilege: 'Choose the company access level and only the permissions this app needs: a key for one company can reach nothing else.',
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
  actions: {
    connect: 'Connect',
    update: 'Update API Key',
    verify: 'Check connection',
    disconnect: 'Disconnect',
    cancel: 'Cancel',
    returnToPleo: 'Return to Pleo',
    useKeyAnyway: 'Use this key anyway',
  },
  progress: {
    title: 'Validation in progress',
    steps: {
      checking_key: 'Validating the API Key',
      confirming_company: 'Confirming the company',
      activating: 'Activating the installation',
      checking_other_environment: 'Pleo did not accept the key here: asking Pleo\'s other environment whether it belongs there',
    },
    done: 'done',
    running: 'in progress',
    failed: 'failed',
    notReached: 'not reached',
    elsewhere: 'A key for this connection is being checked right now. This page updates by itself.',
    replacingElsewhere: 'A new API Key for this connection is being checked right now. The current connection keeps working meanwhile; this page updates by itself.',
  },
  confirmation: {
    connectedTo: 'Connected to Company ID: {companyId}',
    interruptedCompany: 'Company ID: {companyId}',
    replaced: 'API Key updated — connected to Company ID: {companyId}',
    companyName: 'Company name',
    keyHint: 'API Key',
    connectedAt: 'Connected since',
    keyReplacedAt: 'Key replaced',
    lastVerifiedAt: 'Last checked',
    keyExpiresAt: 'Key expires on',
    environment: 'Pleo environment',
    environments: { production: 'Production', staging: 'Staging (test data)' },
    installationId: 'Installation ID',
    copy: 'Copy',
    copyCompanyId: 'Copy Company ID',
    copyInstallationId: 'Copy installation ID',
    copied: 'Copied',
    scopes: 'Permissions',
    scopesExtra: 'This key has permissions this app does not use: {scopes}. Pleo recommends giving a key only what the app needs.',
    scopesUnknown: 'Pleo did not say which permissions this key has, so they could not be checked.',
  },
  expiry: {
    soonTitle: 'The API Key expires soon',
    inDays: 'This API Key expires in {days} days.',
    tomorrow: 'This API Key expires tomorrow.',
    today: 'This API Key expires today.',
    renew: {
      standalone: 'Create a new key in Pleo and update it here before then.',
      integrated: 'Reconnect the integration from Pleo to get a new key, and update it here before then.',
    },
    expiredTitle: 'The API Key has expired',
    expired: 'This API Key expired on {date}.',
    renewExpired: {
      standalone: 'Create a new key in Pleo and update it here.',
      integrated: 'Reconnect the integration from Pleo to get a new key, and update it here.',
    },
  },
  problem: {
    transientTitle: 'Can\'t reach Pleo right now',
    transient: 'The last check could not reach Pleo. The connection is still set up, and this is usually temporary.',
    rateLimitedTitle: 'Pleo is limiting requests',
    interruptedTitle: 'Action required',
    interrupted: 'Your connection to Pleo has been interrupted. Please update your API Key to restore access.',
    interruptedBecause: 'Your connection to Pleo has been interrupted: {reason}',
    unreadableTitle: 'The saved key cannot be opened',
    expiredByDate: 'The expiry date entered for this key ({date}) has passed.',
    permissionsTitle: 'Some calls are not allowed',
    failedTitle: 'Connection failed',
  },
  error: {
    title: 'What went wrong',
    whatToDo: 'What to do',
    retryAfter: 'You can try again in about {minutes} min.',
    failedStep: 'Failed at: {step}',
  },
  errors,
  replace: {
    title: 'Update API Key',
    description: 'Paste the replacement key. It is checked with Pleo before it replaces the current one.',
    keepsWorking: 'Until then the current connection keeps working.',
    refused: 'The new API Key was not saved. The current connection is unchanged.',
  },
  companyPicker: {
    legend: 'Choose the Pleo company to connect',
    description: 'This key covers a whole Pleo organisation, and a connection is for exactly one company.',
    leastPrivilege: 'A company-level key, created in Pleo for just this company, is the safer choice: it cannot reach the organisation\'s other companies.',
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
    uninstallHint: {
      standalone: 'Pleo then shows the integration as not installed. To stop the key from working anywhere, delete it in Pleo.',
      integrated: 'Pleo then shows the integration as not installed. To stop the key from working anywhere, uninstall the integration in Pleo.',
    },
    confirm: 'Disconnect',
    notRemoved: 'Disconnected here, but the integration could not be removed from Pleo: {reason} Remove it in Pleo under the integration\'s settings.',
  },
  banner: {
    title: 'Action required',
    message: 'Your connection to Pleo has been interrupted. Please update your API Key to restore access.',
    action: 'Replace API Key',
  },
  audit: {
    title: 'Activity',
    description: 'Who connected, updated, checked or disconnected the Pleo connection, and when. API Keys are never recorded, only their last characters.',
    loading: 'Loading the activity.',
    empty: 'No activity yet.',
    failed: 'The activity could not be loaded. Reload the page to try again.',
    columns: {
      at: 'When',
      actor: 'Who',
      what: 'What',
      companyId: 'Company ID',
      keyHint: 'API Key',
      problem: 'Problem',
    },
    events: {
      connected: 'Connected',
      connect_failed: 'Connection attempt failed',
      key_replaced: 'API Key updated',
      replace_refused: 'New API Key refused',
      verified: 'Connection checked',
      check_failed: 'Connection check could not finish',
      action_required: 'Key stopped working: action required',
      key_expiring: 'API Key expires soon',
      permission_missing: 'A call was refused for lack of permission',
      key_compared: 'A key was compared with the one in use',
      disconnected: 'Disconnected',
    } as Record<string, string>,
    actors: {
      'system:health-check': 'Scheduled check',
      'system:api-call': 'This app, while calling Pleo',
      'unknown': 'Unknown',
    } as Record<string, string>,
    previousCompany: 'before: {companyId}',
    compared: { matches: 'it is the key in use', differs: 'it is not the key in use' },
    repeated: '{count} times since {since}',
  },
  scopeList: {
    title: 'Permissions this app needs',
    has: 'has it',
    lacks: 'missing',
  },
  compare: {
    action: 'Check a key',
    label: 'API Key to compare',
    hint: 'Paste a key to see whether it is the one this connection uses. Nothing is sent to Pleo and nothing changes.',
    submit: 'Compare',
    matches: 'This is the key in use.',
    differs: 'This is not the key in use.',
  },
  diagnostics: {
    action: 'Download diagnostics',
    description: 'A file for support: the versions, the connection\'s state and its history, the last checks and the clock difference with Pleo. It holds no API Key, only its last characters and a fingerprint.',
    preparing: 'Preparing the diagnostics file…',
    downloaded: 'The diagnostics file was downloaded.',
  },
  evidence: {
    title: 'What the app\'s calls to Pleo met',
    lastSuccess: 'Last call that worked',
    noSuccess: 'None since this server last started',
    firstFailure: 'First call that failed',
    confirmedBy: 'Confirmed by a check of the key',
    failedCalls: 'Calls that failed: {count}',
    failure: '{operation}: {kind} ({count}×)',
    kinds: {
      rejected: 'Pleo refused the key',
      forbidden: 'not allowed for this key',
      rate_limited: 'Pleo was limiting requests',
      unavailable: 'Pleo had an error',
      unreachable: 'Pleo did not answer',
      failed: 'Pleo refused the request',
    },
  },
  page: {
    title: 'Pleo integration',
  },
}

export type PleoMessages = typeof en
