// Production: zone-redundant storage, results immutable for 5 years (US 19 CFR 163.4 keeps entry records 5 years;
// the EU Union Customs Code art. 51 at least 3), Document Intelligence for scanned documents, room to scale out.
using 'main.bicep'

param environmentName = 'prod'
param storageSku = 'Standard_ZRS'
param resultsRetentionDays = 1826
param incomingRetentionDays = 30
param deadLetterRetentionDays = 90
param softDeleteRetentionDays = 14
param maximumInstanceCount = 100
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 16
param enableDocumentIntelligence = true
param documentIntelligenceSku = 'S0'
param logRetentionDays = 90
// false on the first deployment, true after the package is deployed (README, Deployment).
param subscribeBlobEvents = bool(readEnvironmentVariable('CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS', 'false'))
// Private networking (virtual network, private endpoints for storage and Document Intelligence): off unless the variable
// says so; see docs/deployment.md, Private networking.
param enablePrivateNetworking = bool(readEnvironmentVariable('CUSTOMSFN_PRIVATE_NETWORKING', 'false'))
// Sign-in with Entra ID: the app registration's client id (docs/deployment.md, Sign-in); empty: no sign-in.
param signInClientId = readEnvironmentVariable('CUSTOMSFN_SIGNIN_CLIENT_ID', '')
