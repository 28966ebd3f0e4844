// The storage account of CustomsFn: uploads, write-once results, queues, the audit table, the Functions host's own state
// and the deployment package. No shared keys: every client authenticates with Microsoft Entra ID.

import { storageNamesType } from 'types.bicep'

@description('Azure region of the account.')
param location string

@description('Storage account name (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Container, queue and table names.')
param names storageNamesType

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string

@description('Days every result version stays immutable (version-level WORM) after it is written.')
@minValue(1)
@maxValue(146000)
param resultsRetentionDays int

@description('Days after which uploads (and their previous versions) in the incoming container are deleted.')
@minValue(1)
@maxValue(3650)
param incomingRetentionDays int

@description('Days after which dead-lettered Event Grid events are deleted.')
@minValue(1)
@maxValue(3650)
param deadLetterRetentionDays int

@description('Days deleted blobs and containers can be restored (soft delete).')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int

@description('Private networking: only private endpoints (network.bicep) and trusted Azure services (Event Grid dead-lettering) reach the account.')
param privateNetworking bool

@description('Tags applied to the account.')
param tags { *: string }

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: skuName }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    // Private: the public endpoint refuses everything but trusted Azure services (Event Grid writes dead letters with its
    // identity); private endpoints are not subject to these rules.
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        queue: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: 'Account' }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    // Version-level immutability on the results container requires versioning on the account.
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: softDeleteRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: softDeleteRetentionDays }
  }
}

resource incoming 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: names.incomingContainer
  properties: { publicAccess: 'None' }
}

resource results 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: names.resultsContainer
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: { enabled: true }
  }
}

// The container's default version-level policy: every result version is immutable for the retention period.
// It is created unlocked (it can still be shortened or removed); lock it for regulatory WORM with
// `az storage container immutability-policy lock` (see README, Deployment). Locking cannot be undone.
resource resultsRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = {
  parent: results
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: resultsRetentionDays
    allowProtectedAppendWrites: false
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: names.deploymentContainer
  properties: { publicAccess: 'None' }
}

resource deadLetter 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: names.deadLetterContainer
  properties: { publicAccess: 'None' }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource resultsQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: names.resultsQueue
}

resource reviewQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = {
  parent: queueService
  name: names.reviewQueue
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource auditTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = {
  parent: tableService
  name: names.auditTable
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-old-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${names.incomingContainer}/']
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: incomingRetentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: incomingRetentionDays } }
            }
          }
        }
        {
          name: 'delete-old-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['${names.deadLetterContainer}/']
            }
            actions: {
              baseBlob: { delete: { daysAfterModificationGreaterThan: deadLetterRetentionDays } }
              version: { delete: { daysAfterCreationGreaterThan: deadLetterRetentionDays } }
            }
          }
        }
      ]
    }
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
