// Event Grid system topic on the storage account and the BlobCreated subscription that drives the blob trigger.
// Flex Consumption supports only the Event Grid source of the blob trigger: the storage account publishes BlobCreated,
// Event Grid pushes it to the blob extension's webhook on the Function App, and the extension runs the function.

import { storageNamesType } from 'types.bicep'

@description('Azure region of the system topic (the storage account\'s region).')
param location string

@description('System topic name.')
param topicName string

@description('Storage account whose events the topic publishes.')
param storageAccountName string

@description('Container, queue and table names.')
param names storageNamesType

@description('Function App that receives the events.')
param functionAppName string

@description('Name of the blob-triggered function (Event Grid source) the events are for.')
param blobFunctionName string

@description('''Create the event subscription. Event Grid validates the webhook when the subscription is created, and the
blob extension's key exists only once the app's code runs: deploy with false first, publish the package, then deploy
again with true (README, Deployment).''')
param subscribeBlobEvents bool

@description('Delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param maxDeliveryAttempts int

@description('Minutes Event Grid keeps retrying an event before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int

@description('Tags applied to the topic.')
param tags { *: string }

// Storage Blob Data Contributor: the topic's own identity writes dead-lettered events (the account has no shared keys).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: names.deadLetterContainer
    }
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: topicName
  location: location
  tags: tags
  identity: { type: 'SystemAssigned' }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetterContainer.id, topic.id, storageBlobDataContributor)
  scope: storage::blobService::deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = if (subscribeBlobEvents) {
  parent: topic
  name: '${blobFunctionName}-blob-created'
  properties: {
    eventDeliverySchema: 'EventGridSchema'
    destination: {
      endpointType: 'WebHook'
      properties: {
        // The blob extension's endpoint; the blobs_extension system key authorizes Event Grid to call it.
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${blobFunctionName}&code=${listKeys('${functionApp.id}/host/default', functionApp.apiVersion).systemKeys.blobs_extension}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: ['Microsoft.Storage.BlobCreated']
      subjectBeginsWith: '/blobServices/default/containers/${names.incomingContainer}/'
      enableAdvancedFilteringOnArrays: true
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: names.deadLetterContainer
        }
      }
    }
  }
  dependsOn: [deadLetterWriter]
}

output topicName string = topic.name
output subscriptionName string = subscribeBlobEvents ? blobCreated.name : ''
