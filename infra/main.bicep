// CustomsFn on Azure: one resource group holding the storage account, the Flex Consumption Function App and its
// identity, the Event Grid subscription that triggers it, monitoring, and optionally Document Intelligence.
// Deploy with a parameters file per environment (main.dev.bicepparam, main.prod.bicepparam); see README, Deployment.

import { storageNamesType } from 'modules/types.bicep'

@description('Environment, part of every resource name.')
@allowed(['dev', 'prod'])
param environmentName string

@description('Short product name, part of every resource name.')
@minLength(2)
@maxLength(10)
param appName string = 'customsfn'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSku string

@description('Days every result stays immutable (version-level WORM) after it is written.')
@minValue(1)
@maxValue(146000)
param resultsRetentionDays int

@description('Days after which uploads in the incoming container are deleted.')
@minValue(1)
@maxValue(3650)
param incomingRetentionDays int

@description('Days after which dead-lettered Event Grid events are deleted.')
@minValue(1)
@maxValue(3650)
param deadLetterRetentionDays int = 30

@description('Days deleted blobs and containers can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 7

@description('.NET version of the isolated worker on Flex Consumption.')
param dotnetVersion string = '10.0'

@description('Most instances the Function App scales out to (Flex Consumption: 1 to 1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB (Flex Consumption sizes).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Concurrent HTTP invocations per instance (the HTTP API). Blob-triggered concurrency per instance is host.json extensions.blobs.maxDegreeOfParallelism.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Deploy an Azure AI Document Intelligence account for the cloud extractor.')
param enableDocumentIntelligence bool

@description('Document Intelligence pricing tier.')
@allowed(['F0', 'S0'])
param documentIntelligenceSku string = 'S0'

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Create the Event Grid subscription to BlobCreated. false on the very first deployment (the app has no code yet, so Event Grid cannot validate its webhook); true once the package is deployed.')
param subscribeBlobEvents bool = false

@description('Event Grid delivery attempts before an event is dead-lettered.')
@minValue(1)
@maxValue(30)
param eventMaxDeliveryAttempts int = 30

@description('Minutes Event Grid keeps retrying an event before it is dead-lettered.')
@minValue(1)
@maxValue(1440)
param eventTimeToLiveInMinutes int = 1440

@description('Private networking: the app joins a virtual network, and storage (and Document Intelligence) are reached through private endpoints, their public endpoints closed to everything else. Uploaders then need a path into that network (or a private endpoint of their own).')
param enablePrivateNetworking bool = false

@description('Address space of the virtual network (private networking); its first two /24 ranges become the app and endpoints subnets.')
param virtualNetworkAddressPrefix string = '10.20.0.0/16'

@description('Application (client) id of the Entra ID app registration for signing in to the dashboard and API (App Service authentication); empty: no sign-in. The registration needs the app role Customs.Reviewer and a federated credential for the app\'s managed identity (docs/deployment.md).')
param signInClientId string = ''

@description('Entra ID tenant of the sign-in app registration.')
param signInTenantId string = tenant().tenantId

@description('E-mail address the alerts (poison uploads, dead-lettered events, failure rate) notify; empty: alerts without notification.')
param alertEmailAddress string = ''

@description('Failed invocations in percent of all, over 15 minutes, that raise the failure-rate alert.')
@minValue(1)
@maxValue(100)
param alertFailureRatePercent int = 5

@description('Tags applied to every resource.')
param tags { *: string } = {}

// Names the code uses (functions/CustomsFn.Core/Contract/StorageNames.cs and the Functions app). The infrastructure
// tests compare these with the code and with the published functions.metadata.
var storageNames storageNamesType = {
  incomingContainer: 'incoming'
  resultsContainer: 'results'
  resultsQueue: 'customs-results'
  reviewQueue: 'customs-review'
  auditTable: 'auditlog'
  deploymentContainer: 'deployment-package'
  deadLetterContainer: 'eventgrid-deadletter'
}
var connectionName = 'CustomsStorage'
var blobFunctionName = 'ProcessIncomingBlob'
// The same trigger with the polling source: unsupported on Flex Consumption, so it stays disabled here.
var pollingBlobFunctionName = 'ProcessIncomingBlobPolling'

var suffix = uniqueString(resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}-${take(suffix, 6)}'
var allTags = union(tags, { application: appName, environment: environmentName })
var resourceNames = {
  identity: 'id-${baseName}'
  workspace: 'log-${baseName}'
  appInsights: 'appi-${baseName}'
  storage: take('st${replace(appName, '-', '')}${environmentName}${suffix}', 24)
  documentIntelligence: 'di-${baseName}'
  plan: 'plan-${baseName}'
  functionApp: 'func-${baseName}'
  systemTopic: 'evgt-${baseName}'
  virtualNetwork: 'vnet-${baseName}'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    location: location
    name: resourceNames.identity
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: resourceNames.workspace
    appInsightsName: resourceNames.appInsights
    retentionInDays: logRetentionDays
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: resourceNames.storage
    names: storageNames
    skuName: storageSku
    resultsRetentionDays: resultsRetentionDays
    incomingRetentionDays: incomingRetentionDays
    deadLetterRetentionDays: deadLetterRetentionDays
    softDeleteRetentionDays: softDeleteRetentionDays
    privateNetworking: enablePrivateNetworking
    tags: allTags
  }
}

module documentIntelligence 'modules/documentIntelligence.bicep' = if (enableDocumentIntelligence) {
  name: 'documentIntelligence'
  params: {
    location: location
    name: resourceNames.documentIntelligence
    skuName: documentIntelligenceSku
    privateNetworking: enablePrivateNetworking
    tags: allTags
  }
}

module network 'modules/network.bicep' = if (enablePrivateNetworking) {
  name: 'network'
  params: {
    location: location
    name: resourceNames.virtualNetwork
    addressPrefix: virtualNetworkAddressPrefix
    storageAccountName: resourceNames.storage
    documentIntelligenceName: enableDocumentIntelligence ? resourceNames.documentIntelligence : ''
    tags: allTags
  }
  dependsOn: [storage, documentIntelligence]
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    identityName: resourceNames.identity
    storageAccountName: resourceNames.storage
    appInsightsName: resourceNames.appInsights
    documentIntelligenceName: enableDocumentIntelligence ? resourceNames.documentIntelligence : ''
  }
  dependsOn: [identity, storage, monitoring, documentIntelligence]
}

// Identity-based connections: <connection>__blobServiceUri/__queueServiceUri/__tableServiceUri with the user-assigned
// identity (credential + clientId). AZURE_CLIENT_ID selects the same identity for DefaultAzureCredential in the code.
var storageConnection = {
  blobServiceUri: storage.outputs.blobEndpoint
  queueServiceUri: storage.outputs.queueEndpoint
  tableServiceUri: storage.outputs.tableEndpoint
  credential: 'managedidentity'
  clientId: identity.outputs.clientId
}
var hostStorageSettings = toObject(items(storageConnection), s => 'AzureWebJobsStorage__${s.key}', s => s.value)
var customsStorageSettings = toObject(items(storageConnection), s => '${connectionName}__${s.key}', s => s.value)
// With Document Intelligence deployed the engine is 'auto' (text layers and XML locally, scans and photos in the cloud,
// local fallback when the service fails): the Flex Consumption image has no Tesseract, so 'local' would reject every
// scan. Without it, 'local': scans are then rejected with INPUT-UNPROCESSABLE naming the missing OCR engine.
var documentIntelligenceSettings = enableDocumentIntelligence
  ? { DocumentIntelligence__Endpoint: documentIntelligence!.outputs.endpoint, DocumentIntelligence__Engine: 'auto' }
  : { DocumentIntelligence__Engine: 'local' }

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    location: location
    planName: resourceNames.plan
    appName: resourceNames.functionApp
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    appInsightsConnectionString: monitoring.outputs.connectionString
    appSettings: union(hostStorageSettings, customsStorageSettings, documentIntelligenceSettings, {
      AZURE_CLIENT_ID: identity.outputs.clientId
      'AzureWebJobs.${pollingBlobFunctionName}.Disabled': 'true'
    })
    dotnetVersion: dotnetVersion
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    virtualNetworkSubnetId: enablePrivateNetworking ? network!.outputs.appSubnetId : ''
    signInClientId: signInClientId
    signInTenantId: signInTenantId
    tags: allTags
  }
  // The app needs its roles before it starts (host storage, deployment package).
  dependsOn: [roles]
}

module eventGrid 'modules/eventGrid.bicep' = {
  name: 'eventGrid'
  params: {
    location: location
    topicName: resourceNames.systemTopic
    storageAccountName: resourceNames.storage
    names: storageNames
    functionAppName: resourceNames.functionApp
    blobFunctionName: blobFunctionName
    subscribeBlobEvents: subscribeBlobEvents
    maxDeliveryAttempts: eventMaxDeliveryAttempts
    eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    tags: allTags
  }
  dependsOn: [storage, functionApp]
}

module diagnostics 'modules/diagnostics.bicep' = {
  name: 'diagnostics'
  params: {
    workspaceId: monitoring.outputs.workspaceId
    storageAccountName: resourceNames.storage
    functionAppName: resourceNames.functionApp
    systemTopicName: resourceNames.systemTopic
  }
  dependsOn: [storage, functionApp, eventGrid]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    location: location
    namePrefix: baseName
    appInsightsId: monitoring.outputs.appInsightsId
    systemTopicName: resourceNames.systemTopic
    emailAddress: alertEmailAddress
    failureRatePercent: alertFailureRatePercent
    tags: allTags
  }
  dependsOn: [eventGrid]
}

output functionAppName string = functionApp.outputs.name
output functionAppHostName string = functionApp.outputs.defaultHostName
output storageAccountName string = storage.outputs.name
output identityClientId string = identity.outputs.clientId
output documentIntelligenceEndpoint string = enableDocumentIntelligence ? documentIntelligence!.outputs.endpoint : ''
output blobEventsSubscribed bool = subscribeBlobEvents
