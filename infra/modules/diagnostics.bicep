// Diagnostic settings: every resource that handles documents sends its logs and metrics to the Log Analytics workspace,
// so an operator can answer "what happened to this upload" from one place: the storage services (reads, writes and
// deletes of uploads and results, queue traffic, audit writes), the Function App (host and worker logs), and the Event
// Grid topic (delivery failures).

@description('Log Analytics workspace receiving the logs and metrics.')
param workspaceId string

@description('Storage account holding uploads, results, queues and the audit table.')
param storageAccountName string

@description('Function App.')
param functionAppName string

@description('Event Grid system topic on the storage account.')
param systemTopicName string

var everything = {
  workspaceId: workspaceId
  logs: [{ categoryGroup: 'allLogs', enabled: true }]
  metrics: [{ category: 'Transaction', enabled: true }]
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = { name: 'default' }
  resource queueService 'queueServices' existing = { name: 'default' }
  resource tableService 'tableServices' existing = { name: 'default' }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storage::blobService
  properties: everything
}

resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storage::queueService
  properties: everything
}

resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storage::tableService
  properties: everything
}

resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: workspaceId
    logs: [{ category: 'FunctionAppLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

resource topicLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: topic
  properties: {
    workspaceId: workspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}
