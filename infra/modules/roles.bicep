// The Function App identity's roles: exactly the data-plane access the code needs, each on one resource.
//   storage account   Storage Blob Data Owner (blob trigger: reads uploads, writes results; host state and package),
//                     Storage Queue Data Contributor (result/review messages, the blob extension's poison queue),
//                     Storage Table Data Contributor (audit log)
//   Document Intelligence account (when enabled)   Cognitive Services User (analyze calls)
//   Application Insights component                 Monitoring Metrics Publisher (telemetry without an ingestion key)
// No control-plane role (Owner, Contributor, ...) and nothing at resource-group or subscription scope.

@description('Name of the Function App\'s user-assigned identity.')
param identityName string

@description('Storage account the roles apply to.')
param storageAccountName string

@description('Application Insights component the identity publishes telemetry to.')
param appInsightsName string

@description('Document Intelligence account, or empty when it is not deployed.')
param documentIntelligenceName string

// Built-in role definition ids (the same GUIDs in every tenant).
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  cognitiveServicesUser: 'a97b65f3-24c7-4388-baec-2e87135dc908'
  monitoringMetricsPublisher: '3913510d-42f4-4d42-88e7-ec6d0d2d0a1e'
}

var storageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource documentIntelligence 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = if (!empty(documentIntelligenceName)) {
  name: documentIntelligenceName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource telemetryAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identity.id, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource documentIntelligenceAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(documentIntelligenceName)) {
  name: guid(documentIntelligence.id, identity.id, roleIds.cognitiveServicesUser)
  scope: documentIntelligence
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.cognitiveServicesUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}
