// The Function App on the Flex Consumption plan (FC1, Linux, .NET isolated). It runs as the user-assigned identity and
// reaches storage, telemetry and Document Intelligence with it: no connection strings, no keys in app settings.

@description('Azure region of the plan and the app.')
param location string

@description('Flex Consumption plan name.')
param planName string

@description('Function App name.')
param appName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (selects it for the host and for DefaultAzureCredential).')
param identityClientId string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('App settings of the app (name to value); see main.bicep.')
param appSettings { *: string }

@description('.NET version of the isolated worker.')
param dotnetVersion string

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Concurrent HTTP invocations per instance before the HTTP group scales out.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Subnet the app joins (private networking; delegated to Microsoft.App/environments); empty: no virtual network.')
param virtualNetworkSubnetId string

@description('Application (client) id of the Entra ID app registration users sign in with; empty: no sign-in (App Service authentication off).')
param signInClientId string

@description('Entra ID tenant of that app registration.')
param signInTenantId string

@description('Tags applied to the plan and the app.')
param tags { *: string }

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [for setting in items(union(appSettings, {
        APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
        APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
      }, empty(signInClientId) ? {} : {
        // Sign-in: the managed identity whose federated credential stands in for a client secret.
        OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID: identityClientId
      })): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          http: { perInstanceConcurrency: httpPerInstanceConcurrency }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }
}

// Publishing with basic (user name and password) credentials is off; deployments authenticate with Entra ID.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

// App Service authentication with Entra ID: users who sign in reach the app with X-MS-CLIENT-PRINCIPAL (the reviewer and
// their app roles, see docs/security-and-reliability.md). Unauthenticated requests are let through to the app, whose
// HTTP routes keep requiring a function key: machine clients go on using keys. The app proves itself to Entra ID with
// its managed identity (a federated credential on the app registration), so no client secret is stored anywhere.
resource authentication 'Microsoft.Web/sites/config@2025-03-01' = if (!empty(signInClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: { requireHttps: true }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: signInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${signInTenantId}/v2.0'
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
        }
        validation: {
          allowedAudiences: ['api://${signInClientId}']
        }
      }
    }
    login: {
      tokenStore: { enabled: false }
    }
  }
}

output name string = app.name
output id string = app.id
output defaultHostName string = app.properties.defaultHostName
