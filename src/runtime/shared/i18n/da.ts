// Danish: the same shape as the English catalogue (the type makes every key and variant required).
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
    expiresLabel: 'Nøglen udløber den',
    optional: 'valgfrit',
    expiresHint: 'Hvis nøglen har en udløbsdato i Pleo, så indtast den her for at blive mindet om det, før nøglen holder op med at virke.',
    expiresInvalid: 'Indtast datoen som ÅÅÅÅ-MM-DD, for eksempel 2027-01-31.',
    kept: 'Den nøgle, du indtastede, står stadig i feltet: ret den, eller prøv igen.',
    insecure: 'Denne side bruger ikke en sikker forbindelse (https), så API-nøglen ville blive sendt ukrypteret. Bed appens udviklere om at bruge https, før du indtaster en nøgle.',
  },
  guidance: {
    title: 'Om API-nøglen',
    standalone: {
      where: 'Opret nøglen i Pleos webapp under Indstillinger → API-nøgler, og indsæt den her.',
      access: 'API-nøglen giver adgang på virksomhedsniveau til jeres Pleo-virksomhed.',
      leastPrivilege: 'Vælg adgang på virksomhedsniveau og kun de tilladelser, appen har brug for: en nøgle til én virksomhed kan ikke nå andet.',
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
  actions: {
    connect: 'Forbind',
    update: 'Opdater API-nøgle',
    verify: 'Tjek forbindelsen',
    disconnect: 'Afbryd forbindelsen',
    cancel: 'Annuller',
    returnToPleo: 'Tilbage til Pleo',
  },
  progress: {
    title: 'Validering i gang',
    steps: {
      checking_key: 'Validerer API-nøglen',
      confirming_company: 'Bekræfter virksomheden',
      activating: 'Aktiverer installationen',
    },
    done: 'udført',
    running: 'i gang',
    failed: 'mislykkedes',
    notReached: 'ikke nået',
    elsewhere: 'En nøgle til denne forbindelse bliver kontrolleret lige nu. Siden opdaterer sig selv.',
    replacingElsewhere: 'En ny API-nøgle til denne forbindelse bliver kontrolleret lige nu. Den nuværende forbindelse virker imens; siden opdaterer sig selv.',
  },
  confirmation: {
    connectedTo: 'Forbundet til virksomheds-ID: {companyId}',
    interruptedCompany: 'Virksomheds-ID: {companyId}',
    replaced: 'API-nøglen er opdateret — forbundet til virksomheds-ID: {companyId}',
    companyName: 'Virksomhedsnavn',
    keyHint: 'API-nøgle',
    connectedAt: 'Forbundet siden',
    keyReplacedAt: 'Nøglen udskiftet',
    lastVerifiedAt: 'Sidst kontrolleret',
    keyExpiresAt: 'Nøglen udløber den',
    environment: 'Pleo-miljø',
    environments: { production: 'Produktion', staging: 'Staging (testdata)' },
  },
  expiry: {
    soonTitle: 'API-nøglen udløber snart',
    inDays: 'Denne API-nøgle udløber om {days} dage.',
    tomorrow: 'Denne API-nøgle udløber i morgen.',
    today: 'Denne API-nøgle udløber i dag.',
    renew: {
      standalone: 'Opret en ny nøgle i Pleo, og opdater den her inden da.',
      integrated: 'Forbind integrationen igen fra Pleo for at få en ny nøgle, og opdater den her inden da.',
    },
    expiredTitle: 'API-nøglen er udløbet',
    expired: 'Denne API-nøgle udløb den {date}.',
    renewExpired: {
      standalone: 'Opret en ny nøgle i Pleo, og opdater den her.',
      integrated: 'Forbind integrationen igen fra Pleo for at få en ny nøgle, og opdater den her.',
    },
  },
  problem: {
    transientTitle: 'Pleo kan ikke nås lige nu',
    transient: 'Den seneste kontrol kunne ikke nå Pleo. Forbindelsen er stadig sat op, og det er som regel midlertidigt.',
    rateLimitedTitle: 'Pleo begrænser forespørgsler',
    interruptedTitle: 'Handling påkrævet',
    interrupted: 'Din forbindelse til Pleo er blevet afbrudt. Opdater din API-nøgle for at genoprette adgangen.',
    interruptedBecause: 'Din forbindelse til Pleo er blevet afbrudt: {reason}',
    unreadableTitle: 'Den gemte nøgle kan ikke åbnes',
    expiredByDate: 'Den udløbsdato, der blev indtastet for nøglen ({date}), er overskredet.',
    permissionsTitle: 'Nogle kald er ikke tilladt',
    failedTitle: 'Forbindelsen mislykkedes',
  },
  error: {
    title: 'Hvad gik galt',
    whatToDo: 'Hvad du kan gøre',
    retryAfter: 'Du kan prøve igen om cirka {minutes} min.',
    failedStep: 'Mislykkedes ved: {step}',
  },
  errors: {
    key_malformed: {
      message: 'Dette ligner ikke en Pleo API-nøgle.',
      action: 'Kopiér hele nøglen fra Pleo igen, uden mellemrum eller ekstra tekst, og indsæt den her.',
      integrated: { action: 'Kopiér hele nøglen fra Pleos installationsdialog igen, uden mellemrum eller ekstra tekst, og indsæt den her.' },
      variants: {
        empty: { message: 'Indsæt din Pleo API-nøgle.' },
        too_short: { message: 'Nøglen er for kort til at være en Pleo API-nøgle. Kopiér hele nøglen fra Pleo.' },
        too_long: { message: 'Dette er for langt til at være en Pleo API-nøgle. Kopiér kun nøglen.' },
        inner_whitespace: { message: 'Nøglen indeholder mellemrum eller linjeskift. Kopiér nøglen igen uden ekstra tekst.' },
        invisible_characters: { message: 'Nøglen indeholder tegn, som en Pleo API-nøgle ikke kan have. Kopiér den igen fra Pleo.' },
        url: { message: 'Dette er en webadresse, ikke en API-nøgle. Kopiér selve nøglen fra Pleo.' },
        authorization_header: { message: 'Indsæt kun nøglen, uden "Basic" eller "Bearer" foran.' },
      },
    },
    key_rejected: {
      message: 'API-nøglen ser ud til at være ugyldig. Pleo accepterede den ikke.',
      action: 'Tjek nøglen, og prøv igen. Hvis den er slettet eller udløbet, så opret en ny i Pleo.',
      integrated: { action: 'Tjek, at du har indsat nøglen fra Pleos installationsdialog, og prøv igen. Hvis det stadig mislykkes, så installer integrationen igen fra Pleo for at få en ny nøgle.' },
      variants: {
        stopped_working: {
          message: 'Pleo accepterer ikke længere den gemte API-nøgle. Den kan være slettet, udskiftet eller udløbet.',
          action: 'Opdater din API-nøgle for at genoprette adgangen: opret en ny nøgle i Pleo, og indsæt den her.',
          integrated: {
            message: 'Pleo accepterer ikke længere den gemte API-nøgle. Integrationen kan være afinstalleret, eller dens nøgle udskiftet, i Pleo.',
            action: 'Opdater din API-nøgle for at genoprette adgangen: forbind integrationen igen fra Pleo for at få en ny nøgle, og indsæt den her.',
          },
        },
        expired_by_date: {
          message: 'Den udløbsdato, der blev indtastet for nøglen ({date}), er overskredet, så Pleo kan holde op med at acceptere den når som helst.',
          action: 'Opret en ny nøgle i Pleo, og opdater den her.',
          integrated: { action: 'Forbind integrationen igen fra Pleo for at få en ny nøgle, og opdater den her.' },
        },
      },
    },
    key_lacks_permission: {
      message: 'Denne nøgle har ikke de nødvendige tilladelser.',
      action: 'Opret en nøgle med de tilladelser, som appen har brug for, eller bed en Pleo-administrator om at give dem, og prøv igen.',
      integrated: { action: 'Pleo fastsætter integrationens tilladelser ved installationen: installer integrationen igen fra Pleo, eller bed jeres virksomheds Pleo-administrator om at godkende de tilladelser, den beder om.' },
      variants: {
        stopped_working: {
          message: 'Den gemte API-nøgle har ikke længere de tilladelser, som appen har brug for.',
          action: 'Opdater din API-nøgle for at genoprette adgangen: opret en nøgle med de tilladelser, appen har brug for, i Pleo, og indsæt den her.',
          integrated: { action: 'Opdater din API-nøgle for at genoprette adgangen: forbind integrationen igen fra Pleo, så den får de tilladelser, den har brug for, og indsæt den nye nøgle her.' },
        },
        operation: {
          message: 'API-nøglen tillader ikke appen at kalde {operation}.',
          action: 'Opret en nøgle i Pleo, der også har denne tilladelse, og opdater den her. Alt andet virker fortsat.',
          integrated: { action: 'Bed jeres virksomheds Pleo-administrator om at installere integrationen igen med denne tilladelse. Alt andet virker fortsat.' },
        },
      },
    },
    key_other_company: {
      message: 'Denne nøgle tilhører en anden Pleo-virksomhed end forventet.',
      action: 'Tjek, at du har kopieret nøglen til den rigtige virksomhed. Bekræft skiftet, hvis du vil skifte virksomhed.',
      variants: {
        picked_other: {
          message: 'Denne nøgle tilhører Pleo-virksomheden {companyId}, ikke den virksomhed, du valgte.',
          action: 'Vælg den virksomhed, eller brug en nøgle til den virksomhed, du vil forbinde.',
        },
        held_elsewhere: {
          message: 'Denne Pleo-virksomhed er allerede forbundet til en anden konto i appen.',
          action: 'Brug API-nøglen til jeres egen virksomhed, eller afbryd først virksomhedens forbindelse fra den anden konto.',
        },
        switch: {
          message: 'Denne nøgle tilhører Pleo-virksomheden {companyId}, men appen er forbundet til virksomheden {connectedCompanyId}.',
          action: 'Tjek, at du har kopieret den rigtige nøgle. Bekræft skiftet, hvis du vil skifte til den anden virksomhed.',
        },
      },
    },
    organisation_key_needs_company: {
      message: 'Denne nøgle giver adgang til en hel Pleo-organisation, men en forbindelse skal gælde præcis én virksomhed.',
      action: 'Vælg den virksomhed, der skal forbindes, eller opret en nøgle på virksomhedsniveau i Pleo (det sikreste valg: den kan kun nå den virksomhed).',
      integrated: { action: 'Vælg den virksomhed, der skal forbindes.' },
    },
    installation_not_entitled: {
      message: 'Pleo kunne ikke aktivere integrationen for jeres virksomhed.',
      action: 'Tjek, at jeres Pleo-abonnement omfatter integrationen, eller kontakt Pleos support, og prøv igen.',
      integrated: { action: 'Bed jeres virksomheds Pleo-administrator om at tjekke, at integrationen er slået til for jeres virksomhed, eller kontakt Pleos support, og prøv igen.' },
      variants: {
        kept_inactive: { message: 'Pleo aktiverede ikke integrationen for jeres virksomhed (dens status er {status}).' },
        not_active: {
          message: 'Pleo viser integrationen som ikke tilgængelig for jeres virksomhed.',
          integrated: { action: 'Bed jeres virksomheds Pleo-administrator om at slå integrationen til igen, og opdater så API-nøglen her.' },
        },
      },
    },
    pleo_rate_limited: {
      message: 'Pleo modtager for mange forespørgsler lige nu.',
      action: 'Vent et øjeblik, og prøv igen.',
      variants: {
        while_connected: {
          message: 'Pleo begrænser appens forespørgsler lige nu. Forbindelsen er sat op; kald til Pleo venter, til Pleo tager imod dem igen.',
          action: 'Du behøver ikke gøre noget: det går som regel over inden for få minutter.',
        },
      },
    },
    pleo_unreachable: {
      message: 'Vi kan ikke nå Pleo lige nu.',
      action: 'Tjek din forbindelse, og prøv igen om et par minutter.',
    },
    pleo_unavailable: {
      message: 'Pleo har problemer med at svare lige nu.',
      action: 'Prøv igen om et par minutter. Hvis det bliver ved, så tjek Pleos statusside.',
      variants: {
        redirect: { message: 'Pleo svarede på en uventet måde (en omdirigering).' },
        too_large: { message: 'Pleo sendte et uventet stort svar.' },
        unexpected: { message: 'Pleo svarede på en uventet måde.' },
        no_company: { message: 'Pleo oplyste ikke, hvilken virksomhed installationen hører til.' },
      },
    },
    pleo_request_failed: {
      message: 'Pleo afviste denne forespørgsel (status {status}).',
      action: 'Tjek, hvad appen sendte; selve forbindelsen virker.',
    },
    not_connected: {
      message: 'Appen er ikke forbundet til Pleo.',
      action: 'Forbind først med en Pleo API-nøgle.',
      variants: {
        needs_attention: {
          message: 'Forbindelsen til Pleo kræver opmærksomhed: en administrator skal opdatere API-nøglen.',
          action: 'Bed en administrator om at åbne Pleo-indstillingerne og udskifte API-nøglen.',
        },
        uninstalled: {
          message: 'Pleo har ikke længere integrationen installeret for jeres virksomhed.',
          action: 'Opdater API-nøglen for at installere og forbinde den igen.',
          integrated: { action: 'Installer integrationen igen fra Pleo, og opdater så API-nøglen her.' },
        },
        not_active: {
          message: 'Pleo viser integrationen som ikke aktiv for jeres virksomhed.',
          action: 'Opdater API-nøglen for at aktivere forbindelsen igen.',
        },
      },
    },
    busy: {
      message: 'En anden ændring af forbindelsen bliver kontrolleret lige nu.',
      action: 'Vent, til den er færdig, og prøv igen.',
    },
    too_many_attempts: {
      message: 'For mange forsøg på at forbinde på kort tid.',
      action: 'Vent et par minutter, tjek nøglen, og prøv igen.',
      variants: {
        check_cooldown: { message: 'Forbindelsen blev kontrolleret for et øjeblik siden.', action: 'Vent et par sekunder, før du kontrollerer den igen.' },
      },
    },
    unauthenticated: {
      message: 'Du skal være logget ind for at administrere forbindelsen til Pleo.',
      action: 'Log ind i appen, og prøv igen.',
    },
    forbidden: {
      message: 'Du har ikke adgang til at administrere forbindelsen til Pleo.',
      action: 'Bed en administrator af appen om adgang.',
      variants: {
        cross_site: {
          message: 'Forbindelsen til Pleo kan kun ændres fra appens egne sider.',
          action: 'Åbn appens indstillingsside, og prøv igen der.',
        },
        no_policy: { message: 'Forbindelsen til Pleo har ingen adgangspolitik på denne server.' },
        unknown_tenant: { message: 'Denne forespørgsel hører ikke til en kendt kundekonto.' },
        use_refused: { message: 'Du har ikke adgang til at bruge forbindelsen til Pleo.' },
        other_company: {
          message: 'Denne forespørgsel nævner Pleo-virksomheden {companyId}, men forbindelsen gælder virksomheden {connectedCompanyId}. Intet blev sendt til Pleo.',
          action: 'Kald kun Pleo for den forbundne virksomhed.',
        },
      },
    },
    not_configured: {
      message: 'Forbindelsen til Pleo er ikke sat op på denne server.',
      action: 'Bed appens udviklere om at gøre opsætningen færdig.',
      variants: {
        key_unreadable: {
          message: 'Den gemte API-nøgle kan ikke åbnes med serverens krypteringsnøgler, så forbindelsen kan ikke virke.',
          action: 'Bed appens udviklere om at gendanne den tidligere krypteringsnøgle, eller opdater API-nøglen her.',
        },
      },
    },
    storage_unavailable: {
      message: 'Appen kan ikke nå det sted, hvor den gemmer forbindelsen til Pleo, lige nu. Intet blev ændret.',
      action: 'Prøv igen om et minut. Hvis det bliver ved, så kontakt appens udviklere.',
    },
    invalid_request: {
      message: 'Forespørgslen kunne ikke forstås.',
      action: 'Genindlæs siden, og prøv igen.',
      variants: {
        not_json: { message: 'Forespørgslens indhold er ikke gyldig JSON.' },
        unreadable_body: { message: 'Forespørgslens indhold kunne ikke læses.' },
        json_only: { message: 'Send forespørgslen som JSON (Content-Type: application/json).', action: 'Brug appens egen indstillingsside, eller send JSON.' },
        no_body_expected: { message: 'Denne forespørgsel tager intet indhold.', action: 'Send den uden indhold.' },
        too_large: { message: 'Forespørgslen er større end {limit} bytes.', action: 'Send kun API-nøglen og dens valg.' },
        invalid_field: { message: 'Ugyldigt {field}.', action: 'Tjek værdien, og prøv igen.' },
        expiry_passed: { message: 'Udløbsdatoen {date} er allerede overskredet.', action: 'Indtast den udløbsdato, Pleo viser for nøglen, eller lad feltet stå tomt.' },
      },
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
    description: 'Indsæt den nye nøgle. Den kontrolleres hos Pleo, før den erstatter den nuværende.',
    keepsWorking: 'Indtil da virker den nuværende forbindelse fortsat.',
    refused: 'Den nye API-nøgle blev ikke gemt. Den nuværende forbindelse er uændret.',
  },
  companyPicker: {
    legend: 'Vælg den Pleo-virksomhed, der skal forbindes',
    description: 'Denne nøgle dækker en hel Pleo-organisation, og en forbindelse gælder præcis én virksomhed.',
    leastPrivilege: 'En nøgle på virksomhedsniveau, oprettet i Pleo til netop denne virksomhed, er det sikreste valg: den kan ikke nå organisationens andre virksomheder.',
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
    uninstallHint: {
      standalone: 'Pleo viser derefter integrationen som ikke installeret. Slet nøglen i Pleo, hvis den slet ikke skal virke mere.',
      integrated: 'Pleo viser derefter integrationen som ikke installeret. Afinstaller integrationen i Pleo, hvis nøglen slet ikke skal virke mere.',
    },
    confirm: 'Afbryd forbindelsen',
    notRemoved: 'Forbindelsen er afbrudt her, men integrationen kunne ikke fjernes fra Pleo: {reason} Fjern den i Pleo under integrationens indstillinger.',
  },
  banner: {
    title: 'Handling påkrævet',
    message: 'Din forbindelse til Pleo er blevet afbrudt. Opdater din API-nøgle for at genoprette adgangen.',
    action: 'Udskift API-nøgle',
  },
  audit: {
    title: 'Aktivitet',
    description: 'Hvem der forbandt, opdaterede, kontrollerede eller afbrød forbindelsen til Pleo, og hvornår. API-nøgler gemmes aldrig, kun deres sidste tegn.',
    loading: 'Indlæser aktiviteten.',
    empty: 'Ingen aktivitet endnu.',
    failed: 'Aktiviteten kunne ikke indlæses. Genindlæs siden for at prøve igen.',
    columns: {
      at: 'Hvornår',
      actor: 'Hvem',
      what: 'Hvad',
      companyId: 'Virksomheds-ID',
      keyHint: 'API-nøgle',
      problem: 'Årsag',
    },
    events: {
      connected: 'Forbundet',
      connect_failed: 'Forsøg på at forbinde mislykkedes',
      key_replaced: 'API-nøglen er opdateret',
      replace_refused: 'Ny API-nøgle afvist',
      verified: 'Forbindelsen er kontrolleret',
      check_failed: 'Kontrollen af forbindelsen blev ikke gennemført',
      action_required: 'Nøglen holdt op med at virke: handling påkrævet',
      key_expiring: 'API-nøglen udløber snart',
      permission_missing: 'Et kald blev afvist på grund af manglende tilladelse',
      disconnected: 'Forbindelsen er afbrudt',
    },
    actors: {
      'system:health-check': 'Planlagt kontrol',
      'system:api-call': 'Appen, under et kald til Pleo',
      'unknown': 'Ukendt',
    },
    previousCompany: 'før: {companyId}',
    repeated: '{count} gange siden {since}',
  },
  page: {
    title: 'Pleo-integration',
  },
}
