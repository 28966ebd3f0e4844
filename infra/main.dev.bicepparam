// Development: small, cheap, short retention, no Document Intelligence (the embedded extractors only).
using 'main.bicep'

param environmentName = 'dev'
param storageSku = 'Standard_LRS'
param resultsRetentionDays = 1
param incomingRetentionDays = 7
param maximumInstanceCount = 10
param instanceMemoryMB = 2048
param httpPerInstanceConcurrency = 16
param enableDocumentIntelligence = false
// false on the first deployment, true after the package is deployed (README, Deployment); the environment variable
// lets scripts switch it without editing this file.
param subscribeBlobEvents = bool(readEnvironmentVariable('CUSTOMSFN_SUBSCRIBE_BLOB_EVENTS', 'false'))
// Private networking (virtual network, private endpoints for storage and Document Intelligence): off unless the variable
// says so; see docs/deployment.md, Private networking.
param enablePrivateNetworking = bool(readEnvironmentVariable('CUSTOMSFN_PRIVATE_NETWORKING', 'false'))
// Sign-in with Entra ID: the app registration's client id (docs/deployment.md, Sign-in); empty: no sign-in.
param signInClientId = readEnvironmentVariable('CUSTOMSFN_SIGNIN_CLIENT_ID', '')
