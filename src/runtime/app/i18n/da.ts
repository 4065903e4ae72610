// Danish texts of the admin UI; same shape as the English catalog.
import type { PleoMessages } from './en'

export const da: PleoMessages = {
  title: 'Forbindelse til Pleo',
  status: {
    label: 'Status for forbindelsen til Pleo:',
    disconnected: 'Ikke forbundet',
    validating: 'Validering i gang',
    connected: 'Forbundet',
    failed: 'Forbindelsen mislykkedes',
    action_required: 'Handling påkrævet',
  },
  announce: {
    loading: 'Indlæser forbindelsen til Pleo.',
    validating: 'Validering i gang.',
    connected: 'Forbundet til virksomheds-ID: {companyId}.',
    replaced: 'API-nøglen er opdateret. Forbundet til virksomheds-ID: {companyId}.',
    failed: 'Forbindelsen mislykkedes.',
    refused: 'Den nye API-nøgle blev ikke gemt.',
    action_required: 'Handling påkrævet. Din forbindelse til Pleo er blevet afbrudt.',
    verified: 'Forbindelsen er kontrolleret: den virker.',
    checking: 'Kontrollerer forbindelsen.',
    disconnected: 'Forbindelsen til Pleo er afbrudt.',
  },
  field: {
    label: 'Pleo API-nøgle',
    secret: 'hemmelig adgangsoplysning',
    reveal: 'Vis nøgle',
    companyIdLabel: 'Pleo virksomheds-ID',
  },
  guidance: {
    title: 'Om API-nøglen',
    standalone: {
      where: 'Opret nøglen i Pleos webapp under Indstillinger → API-nøgler, og indsæt den her.',
      access: 'API-nøglen giver adgang på virksomhedsniveau til jeres Pleo-virksomhed.',
      secure: 'Behandl den som en adgangskode: opbevar den sikkert, og del den aldrig.',
      noView: 'Når du har gemt nøglen, kan den ikke ses igen.',
    },
    integrated: {
      generated: 'Pleo genererede denne API-nøgle til dig under installationen af integrationen.',
      where: 'Kopiér den fra installationsdialogen i Pleo, og indsæt den her.',
      access: 'API-nøglen giver adgang på virksomhedsniveau til jeres Pleo-virksomhed.',
      secure: 'Behandl den som en adgangskode: opbevar den sikkert, og del den aldrig.',
      noView: 'Når du har gemt nøglen, kan den ikke ses igen.',
    },
  },
  keyFormat: {
    empty: 'Indsæt din Pleo API-nøgle.',
    too_short: 'Nøglen er for kort til at være en Pleo API-nøgle. Kopiér hele nøglen fra Pleo.',
    too_long: 'Dette er for langt til at være en Pleo API-nøgle. Kopiér kun nøglen.',
    whitespace: 'Nøglen indeholder mellemrum eller linjeskift. Kopiér nøglen igen uden ekstra tekst.',
    not_printable: 'Nøglen indeholder tegn, som en Pleo API-nøgle ikke kan have. Kopiér den igen fra Pleo.',
    url: 'Dette er en webadresse, ikke en API-nøgle. Kopiér selve nøglen fra Pleo.',
    auth_header: 'Indsæt kun nøglen, uden "Basic" eller "Bearer" foran.',
  },
  actions: {
    connect: 'Forbind',
    update: 'Opdater API-nøgle',
    verify: 'Tjek forbindelsen',
    disconnect: 'Afbryd forbindelsen',
    cancel: 'Annuller',
  },
  progress: {
    title: 'Validering i gang',
    steps: {
      validate: 'Validerer API-nøglen',
      activate: 'Aktiverer installationen',
      confirm: 'Bekræfter virksomheden',
    },
    done: 'udført',
    failed: 'mislykkedes',
    notReached: 'ikke nået',
    elsewhere: 'En nøgle til denne forbindelse bliver kontrolleret lige nu. Siden opdaterer sig selv.',
  },
  confirmation: {
    connectedTo: 'Forbundet til virksomheds-ID: {companyId}',
    interruptedCompany: 'Virksomheds-ID: {companyId}',
    companyName: 'Virksomhedsnavn',
    keyHint: 'API-nøgle',
    connectedAt: 'Forbundet siden',
    lastVerifiedAt: 'Sidst kontrolleret',
    keyExpiresAt: 'Nøglen udløber',
    environment: 'Pleo-miljø',
    environments: { production: 'Produktion', staging: 'Staging (testdata)' },
  },
  problem: {
    transientTitle: 'Pleo kan ikke nås lige nu',
    transient: 'Den seneste kontrol kunne ikke nå Pleo. Forbindelsen er stadig sat op, og det er som regel midlertidigt.',
    interruptedTitle: 'Handling påkrævet',
    interrupted: 'Din forbindelse til Pleo er blevet afbrudt. Opdater din API-nøgle for at genoprette adgangen.',
    reasons: {
      key_rejected: 'Pleo accepterer ikke længere den gemte API-nøgle. Den kan være slettet, udskiftet eller udløbet.',
      key_lacks_permission: 'Den gemte API-nøgle har ikke længere de tilladelser, som appen har brug for.',
      not_connected: 'Pleo viser ikke længere integrationen som installeret og aktiv for jeres virksomhed.',
      installation_not_entitled: 'Pleo viser integrationen som ikke tilgængelig for jeres virksomhed.',
    },
    failedTitle: 'Forbindelsen mislykkedes',
  },
  error: {
    title: 'Hvad gik galt',
    whatToDo: 'Hvad du kan gøre',
    retryAfter: 'Du kan prøve igen om cirka {minutes} min.',
    failedStep: 'Mislykkedes ved: {step}',
    otherCompanyPicked: 'Denne nøgle tilhører Pleo-virksomheden {companyId}, ikke den virksomhed, du valgte.',
    otherCompanyPickedAction: 'Vælg den virksomhed, eller brug en nøgle til den virksomhed, du vil forbinde.',
    companyTaken: 'Denne Pleo-virksomhed er allerede forbundet til en anden konto i appen.',
    companyTakenAction: 'Brug API-nøglen til jeres egen virksomhed, eller afbryd først virksomhedens forbindelse fra den anden konto.',
  },
  errors: {
    key_malformed: {
      message: 'Dette ligner ikke en Pleo API-nøgle.',
      action: 'Kopiér hele nøglen fra Pleo igen, uden mellemrum eller ekstra tekst, og indsæt den her.',
    },
    key_rejected: {
      message: 'API-nøglen ser ud til at være ugyldig. Pleo accepterede den ikke.',
      action: 'Tjek nøglen, og prøv igen. Hvis den er slettet eller udløbet, så opret en ny i Pleo.',
    },
    key_lacks_permission: {
      message: 'Denne nøgle har ikke de nødvendige tilladelser.',
      action: 'Opret en nøgle med de tilladelser, som appen har brug for, eller bed en Pleo-administrator om at give dem, og prøv igen.',
    },
    key_other_company: {
      message: 'Denne nøgle tilhører en anden Pleo-virksomhed end den, der er forbundet nu.',
      action: 'Tjek, at du har kopieret nøglen til den rigtige virksomhed. Bekræft skiftet, hvis du vil skifte virksomhed.',
    },
    organisation_key_needs_company: {
      message: 'Denne nøgle giver adgang til en hel Pleo-organisation, men en forbindelse skal gælde præcis én virksomhed.',
      action: 'Vælg den virksomhed, der skal forbindes, eller opret en nøgle på virksomhedsniveau i Pleo.',
    },
    installation_not_entitled: {
      message: 'Pleo kunne ikke aktivere integrationen for jeres virksomhed.',
      action: 'Tjek, at jeres Pleo-abonnement omfatter integrationen, eller kontakt Pleos support, og prøv igen.',
    },
    pleo_rate_limited: {
      message: 'Pleo modtager for mange forespørgsler lige nu.',
      action: 'Vent et øjeblik, og prøv igen.',
    },
    pleo_unreachable: {
      message: 'Vi kan ikke nå Pleo lige nu.',
      action: 'Tjek din forbindelse, og prøv igen om et par minutter.',
    },
    pleo_unavailable: {
      message: 'Pleo har problemer med at svare lige nu.',
      action: 'Prøv igen om et par minutter. Hvis det bliver ved, så tjek Pleos statusside.',
    },
    not_connected: {
      message: 'Appen er ikke forbundet til Pleo.',
      action: 'Forbind først med en Pleo API-nøgle.',
    },
    busy: {
      message: 'En anden ændring af forbindelsen bliver kontrolleret lige nu.',
      action: 'Vent, til den er færdig, og prøv igen.',
    },
    too_many_attempts: {
      message: 'For mange forsøg på at forbinde på kort tid.',
      action: 'Vent et par minutter, tjek nøglen, og prøv igen.',
    },
    forbidden: {
      message: 'Du har ikke adgang til at administrere forbindelsen til Pleo.',
      action: 'Bed en administrator af appen om adgang.',
    },
    not_configured: {
      message: 'Forbindelsen til Pleo er ikke sat op på denne server.',
      action: 'Bed appens udviklere om at gøre opsætningen færdig.',
    },
    invalid_request: {
      message: 'Forespørgslen kunne ikke forstås.',
      action: 'Genindlæs siden, og prøv igen.',
    },
    internal_error: {
      message: 'Noget gik galt hos os.',
      action: 'Prøv igen. Hvis det bliver ved, så kontakt appens udviklere.',
    },
    network_error: {
      message: 'Appens server kunne ikke nås.',
      action: 'Tjek din internetforbindelse, og prøv igen.',
    },
  },
  replace: {
    title: 'Opdater API-nøgle',
    description: 'Indsæt den nye nøgle. Den kontrolleres hos Pleo, før den erstatter den nuværende; indtil da virker den nuværende forbindelse fortsat.',
    refused: 'Den nye API-nøgle blev ikke gemt. Den nuværende forbindelse er uændret.',
  },
  companyPicker: {
    legend: 'Vælg den Pleo-virksomhed, der skal forbindes',
    description: 'Denne nøgle dækker en hel Pleo-organisation, og en forbindelse gælder præcis én virksomhed.',
    option: '{name} (virksomheds-ID: {companyId})',
    optionIdOnly: 'Virksomheds-ID: {companyId}',
    idHint: 'Indtast ID\'et på den Pleo-virksomhed, der skal forbindes. Du finder det i Pleos webapp.',
    idInvalid: 'Indtast et Pleo virksomheds-ID (det ligner 123e4567-e89b-12d3-a456-426614174000).',
    submit: 'Forbind denne virksomhed',
  },
  companyChange: {
    title: 'Denne nøgle tilhører en anden Pleo-virksomhed',
    description: 'Denne nøgle tilhører Pleo-virksomheden {companyId}, men appen er forbundet til virksomheden {connectedCompanyId}.',
    question: 'Vil du skifte forbindelsen til virksomheden {companyId}? Appen arbejder derefter med den virksomheds data.',
    confirm: 'Skift virksomhed',
    cancel: 'Behold den nuværende virksomhed',
  },
  disconnect: {
    title: 'Afbryd forbindelsen til Pleo?',
    description: 'Appen glemmer API-nøglen og holder op med at kalde Pleo. Du kan forbinde igen når som helst.',
    uninstall: 'Fjern også integrationen fra Pleo',
    uninstallHint: 'Pleo viser derefter integrationen som ikke installeret. Slet nøglen i Pleo, hvis den slet ikke skal virke mere.',
    confirm: 'Afbryd forbindelsen',
  },
  banner: {
    title: 'Handling påkrævet',
    message: 'Din forbindelse til Pleo er blevet afbrudt. Opdater din API-nøgle for at genoprette adgangen.',
    action: 'Udskift API-nøgle',
  },
  page: {
    title: 'Pleo-integration',
  },
}
