using './main.bicep'

// Environment and secrets come from the shell (azd sets AZURE_*); business settings are below.
param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'leadhandoff-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'uksouth')
param principalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')

param websiteOrigins = ['https://www.example.com']
param thankYouUrl = 'https://www.example.com/thanks'
param sectors = ['Software', 'Manufacturing', 'Retail', 'Financial services', 'Public sector']

param owners = [
  { id: 'rep-1', name: 'Rita Rep', email: 'rita@example.com' }
  { id: 'rep-2', name: 'Sam Seller', email: 'sam@example.com' }
]
param routingRules = [
  { sector: 'Public sector', owner: 'rep-2' }
]
param routingPool = ['rep-1', 'rep-2']
param salesInboxEmail = 'sales@example.com'
param fromAddress = 'leads@example.com'
param salesManagerEmail = 'manager@example.com'
param marketingLeadEmail = 'marketing@example.com'
param alertEmail = 'ops@example.com'
param companyName = 'Example Ltd'
param supportEmail = 'hello@example.com'
param privacyNoticeUrl = 'https://www.example.com/privacy'
param holidays = ['2026-12-25', '2026-12-28', '2027-01-01']
param hotOffers = ['demo-request']
param webhookSubscriptions = [
  { id: 'crm', url: 'https://crm.example.com/hooks/leadhandoff', events: ['lead.received', 'lead.decided', 'lead.erased'] }
]

param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY')
param turnstileSecretKey = readEnvironmentVariable('TURNSTILE_SECRET_KEY', '')
