targetScope = 'subscription'

// ---- azd conventions --------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd env name); used in resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region for every resource.')
param location string

@description('Object id of the deploying user; gets read/write on the tables for troubleshooting. Empty skips it.')
param principalId string = ''

// ---- the website ------------------------------------------------------------------------------

@description('Origins of the websites whose forms post leads (CORS), e.g. ["https://www.example.com"].')
param websiteOrigins array

@description('Where a browser goes after a successful form post (Intake__ThankYouUrl).')
param thankYouUrl string

@description('Where a browser goes after an invalid form post; empty shows an error page (Intake__ErrorUrl).')
param errorUrl string = ''

@description('Origins a form\'s redirect field may point to (Intake__AllowedRedirectOrigins); defaults to the website origins.')
param allowedRedirectOrigins array = websiteOrigins

@description('Sectors a form may send (Intake__Sectors).')
param sectors array

@description('Company size bands (Intake__SizeBands).')
param sizeBands array = ['1-10', '11-50', '51-200', '201-1000', '1001+']

@description('Refuse leads without consent and its text version (Intake__RequireConsent).')
param requireConsent bool = true

@description('Submissions per client IP per minute, per instance (Intake__RateLimitPermits).')
param rateLimitPermits int = 20

// ---- the agreement ----------------------------------------------------------------------------

@description('IANA time zone of the business (Sla__TimeZone).')
param timeZone string = 'Europe/London'

@description('Day the weekly batch goes out (Sla__BatchDay).')
param batchDay string = 'Monday'

@description('Local time the batch goes out, HH:mm (Sla__BatchTime).')
param batchTime string = '09:00'

@description('Qualification deadline day, later in the batch week (Sla__DeadlineDay).')
param deadlineDay string = 'Wednesday'

@description('Qualification deadline time, HH:mm (Sla__DeadlineTime).')
param deadlineTime string = '17:00'

@description('Marketing\'s promise: leads per batch (Sla__WeeklyTarget). Seeds the agreement\'s version 1 only: after the first start, a change is a proposal the other side approves (docs/agreement.md).')
param weeklyTarget int = 50

@description('Seed of the agreement\'s quality target: the share, 0 to 1, of a week\'s leads decided by the deadline that sales accepts (Agreement__QualityTarget).')
param agreementQualityTarget string = '0.3'

@description('Seed of the share, 0 to 1, of a week\'s leads sales decides by the deadline (Agreement__OnTimeTarget).')
param agreementOnTimeTarget string = '0.9'

@description('Seed of the lead definition: offers, sectors and size bands that count towards the target; empty counts all (Agreement__Offers, __Sectors, __SizeBands).')
param agreementOffers array = []
param agreementSectors array = []
param agreementSizeBands array = []

@description('Business hours, HH:mm in the business time zone, for deadlines counted in business hours such as the hot lane\'s (Sla__BusinessDayStart, Sla__BusinessDayEnd).')
param businessDayStart string = '09:00'
param businessDayEnd string = '17:00'

@description('The ladder after the deadline: [{ offsetHours, recipient (Owner, Manager, MarketingLead, Address), address?, template (Reminder, Escalation) }]; empty: the built-in ladder (Escalation__Steps).')
param escalationSteps array = []

@description('Reasons sales rejects a lead for: [{ id, label, thaiLabel? }]; empty: the built-in list (Qualification__RejectReasons).')
param rejectReasons array = []

@description('Days a signed link in an email works (Links__ExpiryDays).')
param linkExpiryDays int = 21

@description('The scorecard email goes with each Monday batch (Scorecard__SendWithBatch), over this many weeks (Scorecard__TrailingWeeks).')
param scorecardWithBatch bool = true
param scorecardTrailingWeeks int = 12

@description('Email the person who filled in the form a confirmation (Confirmation__Enabled).')
param confirmationEnabled bool = false

@description('The sender name on every email (Email__FromName).')
param emailFromName string = 'LeadHandoff'

@description('Dates (yyyy-MM-dd) with no batch and no deadline (Sla__Holidays).')
param holidays array = []

@description('First batch window to send, e.g. 2026-W50; empty sends from the first Monday (Batch__FirstWindow).')
param firstWindow string = ''

@description('Heartbeat of the batch timer, NCRONTAB in UTC (BatchSchedule).')
param batchSchedule string = '0 */15 * * * *'

@description('Heartbeat of the deadline timer, NCRONTAB in UTC (DeadlineSchedule).')
param deadlineSchedule string = '0 */15 * * * *'

@description('Daily retention run, NCRONTAB in UTC (PurgeSchedule).')
param purgeSchedule string = '0 30 2 * * *'

@description('The hot lane\'s sweep, NCRONTAB in UTC (HotLaneSchedule): hot leads the form\'s request did not hand over, and overdue ones.')
param hotLaneSchedule string = '0 * * * * *'

@description('The withdrawal sweep, NCRONTAB in UTC (WithdrawalSchedule): emails the confirmation link to the addresses asked for that we hold, at most once a day each.')
param withdrawalSchedule string = '15 * * * * *'

@description('The pace check, NCRONTAB in UTC (PaceSchedule): on the pace day (Pace__Day, default Thursday, business time zone) marketing hears once when the open week is behind pace.')
param paceSchedule string = '0 5 * * * *'

@description('The pace day and time, business time zone (Pace__Day, Pace__Time); pacing off with paceEnabled false (Pace__Enabled).')
param paceDay string = 'Thursday'
param paceTime string = '12:00'
param paceEnabled bool = true

@description('The webhook delivery heartbeat, NCRONTAB in UTC (WebhookSchedule).')
param webhookSchedule string = '30 * * * * *'

@description('The webhook reconciler, NCRONTAB in UTC (WebhookReconcileSchedule): emits events a crash lost.')
param webhookReconcileSchedule string = '0 7,22,37,52 * * * *'

@description('Offers that go to their owner at once rather than in the Monday batch, e.g. demo-request (HotLane__Offers).')
param hotOffers array = []

@description('Business hours an owner has to decide a hot lead (HotLane__DeadlineBusinessHours).')
param hotDeadlineBusinessHours int = 4

@description('Days after its batch week that a lead is anonymised (Retention__LeadDays).')
param leadRetentionDays int = 400

@description('Days after its week that spam and quarantined submissions are deleted (Retention__FlaggedDays).')
param flaggedRetentionDays int = 30

// ---- the people -------------------------------------------------------------------------------

@description('Salespeople: [{ id, name, email }]; ids are opaque and travel in links (Routing__Owners).')
param owners array = []

@description('Routing rules, first match wins: [{ sector?, sizeBand?, owner }] (Routing__Rules).')
param routingRules array = []

@description('Owner ids sharing unmatched leads evenly (Routing__Pool).')
param routingPool array = []

@description('Shared sales inbox for leads no rule or pool takes (Routing__SalesInboxEmail).')
param salesInboxEmail string

@description('Sender address of every email (Email__FromAddress).')
param fromAddress string

@description('Sales manager: summary and escalations (Email__SalesManagerEmail).')
param salesManagerEmail string

@description('Marketing lead: summary, copied on escalations (Email__MarketingLeadEmail).')
param marketingLeadEmail string

@description('Receives the operational alerts (function failures, batch not sent, email undelivered, quarantine spike).')
param alertEmail string

// ---- brand: what the public sees on its pages and emails ------------------------------------------

@description('The company\'s name as the public knows it, on public pages and the confirmation email (Brand__CompanyName).')
param companyName string

@description('Absolute https URL of the company logo; empty shows the name (Brand__LogoUrl).')
param logoUrl string = ''

@description('Accent colour #rrggbb for buttons and links (Brand__AccentColour).')
param accentColour string = '#0b5cad'

@description('Where the public asks questions (Brand__SupportEmail).')
param supportEmail string = ''

@description('The company\'s privacy notice URL (Brand__PrivacyNoticeUrl).')
param privacyNoticeUrl string = ''

@description('Public base URL of the app for links in emails; empty uses https://<app>.azurewebsites.net (Links__BaseUrl).')
param publicBaseUrl string = ''

// ---- secrets: into Key Vault, never into settings or outputs -----------------------------------

@secure()
@description('SendGrid API key.')
param sendGridApiKey string

@secure()
@description('Cloudflare Turnstile secret; empty leaves verification off.')
param turnstileSecretKey string = ''

// The link-signing keys are not parameters: this template never generates or holds their values.
// scripts/ensure-signing-keys.sh (azd's postprovision hook) creates each named key in Key Vault
// once, as LinkSigningKey-<id>, and never overwrites one, so provisioning again keeps every link
// in the reps' inboxes working.
@description('Link-signing key ids, oldest first; the last signs new links (Links__CurrentKeyId). To rotate, append a new id; remove an old one only after its links have expired.')
@minLength(1)
param linkSigningKeyIds array = ['k1']

// Webhook receivers. Their secrets are not parameters either: the same hook creates
// WebhookSecret-<id> in Key Vault once per subscription; give the receiver its value from there.
@description('Client id of the Entra ID app registration staff sign in with (App Service authentication); empty leaves staff sign-in off. Its client secret is the Key Vault secret StaffSignInClientSecret.')
param staffSignInClientId string = ''

@description('Outbound webhook subscriptions: [{ id: \'crm\', url: \'https://…\', events: [\'lead.decided\'] }]; empty events means every event (Webhooks__Subscriptions).')
param webhookSubscriptions array = []

// ---- names ------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var appName = 'func-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  name: 'identity'
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  name: 'monitoring'
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    appInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  name: 'storage'
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: rg
  name: 'keyvault'
  params: {
    name: keyVaultName
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    turnstileSecretKey: turnstileSecretKey
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  name: 'roles'
  params: {
    principalId: identity.outputs.principalId
    storageName: storage.outputs.name
    keyVaultName: vault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    userPrincipalId: principalId
  }
}

// Lists become indexed settings (Section__List__0, __1, …), which is how .NET binds them.
var listSettings = union(
  toObject(range(0, length(sectors)), i => 'Intake__Sectors__${i}', i => string(sectors[i])),
  toObject(range(0, length(sizeBands)), i => 'Intake__SizeBands__${i}', i => string(sizeBands[i])),
  toObject(range(0, length(allowedRedirectOrigins)), i => 'Intake__AllowedRedirectOrigins__${i}', i => string(allowedRedirectOrigins[i])),
  toObject(range(0, length(holidays)), i => 'Sla__Holidays__${i}', i => string(holidays[i])),
  toObject(range(0, length(escalationSteps)), i => 'Escalation__Steps__${i}__OffsetHours', i => string(escalationSteps[i].offsetHours)),
  toObject(range(0, length(escalationSteps)), i => 'Escalation__Steps__${i}__Recipient', i => string(escalationSteps[i].recipient)),
  toObject(range(0, length(escalationSteps)), i => 'Escalation__Steps__${i}__Template', i => string(escalationSteps[i].template)),
  toObject(filter(range(0, length(escalationSteps)), i => contains(escalationSteps[i], 'address')), i => 'Escalation__Steps__${i}__Address', i => string(escalationSteps[i].address)),
  toObject(range(0, length(rejectReasons)), i => 'Qualification__RejectReasons__${i}__Id', i => string(rejectReasons[i].id)),
  toObject(range(0, length(rejectReasons)), i => 'Qualification__RejectReasons__${i}__Label', i => string(rejectReasons[i].label)),
  toObject(filter(range(0, length(rejectReasons)), i => contains(rejectReasons[i], 'thaiLabel')), i => 'Qualification__RejectReasons__${i}__ThaiLabel', i => string(rejectReasons[i].thaiLabel)),
  toObject(range(0, length(agreementOffers)), i => 'Agreement__Offers__${i}', i => string(agreementOffers[i])),
  toObject(range(0, length(agreementSectors)), i => 'Agreement__Sectors__${i}', i => string(agreementSectors[i])),
  toObject(range(0, length(agreementSizeBands)), i => 'Agreement__SizeBands__${i}', i => string(agreementSizeBands[i])),
  // A solved Turnstile challenge must come from one of the website's own hosts (origin less scheme and port).
  toObject(range(0, length(websiteOrigins)), i => 'Turnstile__Hostnames__${i}', i => split(split(string(websiteOrigins[i]), '/')[2], ':')[0]),
  toObject(range(0, length(owners)), i => 'Routing__Owners__${i}__Id', i => string(owners[i].id)),
  toObject(range(0, length(owners)), i => 'Routing__Owners__${i}__Name', i => string(owners[i].name)),
  toObject(range(0, length(owners)), i => 'Routing__Owners__${i}__Email', i => string(owners[i].email)),
  toObject(range(0, length(routingRules)), i => 'Routing__Rules__${i}__Sector', i => string(routingRules[i].?sector ?? '')),
  toObject(range(0, length(routingRules)), i => 'Routing__Rules__${i}__SizeBand', i => string(routingRules[i].?sizeBand ?? '')),
  toObject(range(0, length(routingRules)), i => 'Routing__Rules__${i}__Owner', i => string(routingRules[i].owner)),
  toObject(range(0, length(routingPool)), i => 'Routing__Pool__${i}', i => string(routingPool[i])),
  toObject(range(0, length(hotOffers)), i => 'HotLane__Offers__${i}', i => string(hotOffers[i])),
  toObject(range(0, length(webhookSubscriptions)), i => 'Webhooks__Subscriptions__${i}__Id', i => string(webhookSubscriptions[i].id)),
  toObject(range(0, length(webhookSubscriptions)), i => 'Webhooks__Subscriptions__${i}__Url', i => string(webhookSubscriptions[i].url)),
  toObject(range(0, length(webhookSubscriptions)), i => 'Webhooks__Subscriptions__${i}__Secret', i => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=WebhookSecret-${string(webhookSubscriptions[i].id)})'),
  reduce(map(range(0, length(webhookSubscriptions)), i => toObject(range(0, length(webhookSubscriptions[i].?events ?? [])), j => 'Webhooks__Subscriptions__${i}__Events__${j}', j => string(webhookSubscriptions[i].events[j]))), {}, (all, next) => union(all, next)),
  toObject(range(0, length(linkSigningKeyIds)), i => 'Links__SigningKeys__${i}__Id', i => string(linkSigningKeyIds[i])),
  toObject(range(0, length(linkSigningKeyIds)), i => 'Links__SigningKeys__${i}__Secret', i => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=LinkSigningKey-${string(linkSigningKeyIds[i])})')
)

// Secrets are Key Vault references, resolved by the platform with the app's identity.
var secretRef = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

var appSettings = union(listSettings, {
  BatchSchedule: batchSchedule
  DeadlineSchedule: deadlineSchedule
  PurgeSchedule: purgeSchedule
  HotLaneSchedule: hotLaneSchedule
  WithdrawalSchedule: withdrawalSchedule
  PaceSchedule: paceSchedule
  Pace__Day: paceDay
  Pace__Time: paceTime
  Pace__Enabled: string(paceEnabled)
  // Staff sign-in accepts principals of this tenant only, and knows people by their object id.
  StaffSignIn__TenantId: tenant().tenantId
  WebhookSchedule: webhookSchedule
  WebhookReconcileSchedule: webhookReconcileSchedule
  HotLane__DeadlineBusinessHours: string(hotDeadlineBusinessHours)
  Retention__LeadDays: string(leadRetentionDays)
  Retention__FlaggedDays: string(flaggedRetentionDays)
  // The lead tables through the identity: the endpoint, never a key.
  Storage__TableServiceUri: storage.outputs.tableEndpoint
  Storage__ManagedIdentityClientId: identity.outputs.clientId
  Intake__ThankYouUrl: thankYouUrl
  Intake__ErrorUrl: errorUrl
  Intake__RequireConsent: string(requireConsent)
  Intake__RateLimitPermits: string(rateLimitPermits)
  Turnstile__SecretKey: empty(turnstileSecretKey) ? '' : '${secretRef}TurnstileSecretKey)'
  Sla__TimeZone: timeZone
  Sla__BatchDay: batchDay
  Sla__BatchTime: batchTime
  Sla__DeadlineDay: deadlineDay
  Sla__DeadlineTime: deadlineTime
  Sla__WeeklyTarget: string(weeklyTarget)
  Sla__BusinessDayStart: businessDayStart
  Sla__BusinessDayEnd: businessDayEnd
  Links__ExpiryDays: string(linkExpiryDays)
  Scorecard__SendWithBatch: string(scorecardWithBatch)
  Scorecard__TrailingWeeks: string(scorecardTrailingWeeks)
  Confirmation__Enabled: string(confirmationEnabled)
  Email__FromName: emailFromName
  Agreement__QualityTarget: agreementQualityTarget
  Agreement__OnTimeTarget: agreementOnTimeTarget
  Batch__FirstWindow: firstWindow
  Routing__SalesInboxEmail: salesInboxEmail
  Email__SendGridApiKey: '${secretRef}SendGridApiKey)'
  Email__FromAddress: fromAddress
  Email__SalesManagerEmail: salesManagerEmail
  Email__MarketingLeadEmail: marketingLeadEmail
  Links__BaseUrl: empty(publicBaseUrl) ? 'https://${appName}.azurewebsites.net' : publicBaseUrl
  Links__CurrentKeyId: string(last(linkSigningKeyIds))
  Brand__CompanyName: companyName
  Brand__LogoUrl: logoUrl
  Brand__AccentColour: accentColour
  Brand__SupportEmail: supportEmail
  Brand__PrivacyNoticeUrl: privacyNoticeUrl
  // Read by App Service authentication, not by the app: the Entra registration's secret, from Key Vault.
  MICROSOFT_PROVIDER_AUTHENTICATION_SECRET: empty(staffSignInClientId) ? '' : '${secretRef}StaffSignInClientSecret)'
})

module app 'modules/functionapp.bicep' = {
  scope: rg
  name: 'functionapp'
  dependsOn: [roles]
  params: {
    planName: 'plan-${resourceToken}'
    name: appName
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    allowedOrigins: websiteOrigins
    appSettings: appSettings
    staffSignInClientId: staffSignInClientId
  }
}

module alerts 'modules/alerts.bicep' = {
  scope: rg
  name: 'alerts'
  params: {
    namePrefix: 'leadhandoff-${resourceToken}'
    location: location
    tags: tags
    appInsightsId: monitoring.outputs.appInsightsId
    alertEmail: alertEmail
    timeZone: timeZone
    batchDay: batchDay
    batchHour: int(split(batchTime, ':')[0])
    holidays: holidays
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output AZURE_FUNCTION_APP_URL string = 'https://${app.outputs.defaultHostName}'
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
// With the key ids, for the postprovision hook that creates missing link-signing keys (names only, never values).
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output LINK_SIGNING_KEY_IDS string = join(map(linkSigningKeyIds, id => string(id)), ',')
output WEBHOOK_SUBSCRIPTION_IDS string = join(map(webhookSubscriptions, s => string(s.id)), ',')
