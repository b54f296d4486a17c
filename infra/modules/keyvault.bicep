@description('Name of the Key Vault.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('SendGrid API key. Empty leaves the secret out (the app then writes to its local outbox).')
@secure()
param sendGridApiKey string

@description('Cloudflare Turnstile secret. Empty leaves verification off.')
@secure()
param turnstileSecretKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    // Azure RBAC decides who reads secrets; no access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'SendGridApiKey'
  properties: { value: sendGridApiKey }
}

// The link-signing keys are not here on purpose: a secret resource would overwrite its value on
// every deployment. scripts/ensure-signing-keys.sh creates each one once.

resource turnstile 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(turnstileSecretKey)) {
  parent: vault
  name: 'TurnstileSecretKey'
  properties: { value: turnstileSecretKey }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
