// Types shared by main.bicep and its modules.

@export()
@description('Names of the containers, queues and table. The product code has the same names in StorageNames.cs; the infrastructure tests fail when the two disagree.')
type storageNamesType = {
  @description('Uploads; BlobCreated events from here trigger the processing function.')
  incomingContainer: string
  @description('Results, one {documentId}.json each, written once (version-level WORM).')
  resultsContainer: string
  @description('One message per processed upload, for downstream systems.')
  resultsQueue: string
  @description('Messages for needs-review and rejected results.')
  reviewQueue: string
  @description('Append-only audit records.')
  auditTable: string
  @description('Flex Consumption deployment packages.')
  deploymentContainer: string
  @description('Event Grid dead-lettered events.')
  deadLetterContainer: string
}
