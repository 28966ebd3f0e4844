// Optional Azure AI Document Intelligence account for the cloud extractor. Keys are disabled: the Function App calls it
// with its managed identity (Cognitive Services User, roles.bicep), which needs the custom subdomain endpoint.

@description('Azure region of the account.')
param location string

@description('Account name; also its custom subdomain (globally unique).')
@minLength(2)
@maxLength(64)
param name string

@description('Pricing tier: F0 (free, 20 calls/min) or S0 (standard, 15 transactions/s by default).')
@allowed(['F0', 'S0'])
param skuName string

@description('Private networking: reachable only through its private endpoint (network.bicep).')
param privateNetworking bool

@description('Tags applied to the account.')
param tags { *: string }

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'FormRecognizer'
  sku: { name: skuName }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

output name string = account.name
output endpoint string = account.properties.endpoint
