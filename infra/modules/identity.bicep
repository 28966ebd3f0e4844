// The user-assigned identity the Function App runs as. Its roles are granted in roles.bicep, nothing else grants it any.

@description('Azure region of the identity.')
param location string

@description('Identity name.')
param name string

@description('Tags applied to the identity.')
param tags { *: string }

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
