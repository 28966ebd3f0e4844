// Optional private networking (enablePrivateNetworking): a virtual network whose 'app' subnet the Function App joins
// (Flex Consumption VNet integration: the subnet is delegated to Microsoft.App/environments), and private endpoints in
// its 'endpoints' subnet for the storage account's blob, queue and table services (and Document Intelligence when
// deployed), each registered in its privatelink DNS zone linked to the network. main.bicep then closes the storage
// account's and Document Intelligence's public endpoints to everything but these endpoints and trusted Azure services
// (Event Grid's dead-lettering). The app's own HTTPS endpoint stays public: Event Grid delivers to its webhook and the
// dashboard and API are signed in.

@description('Azure region of the network and endpoints.')
param location string

@description('Virtual network name.')
param name string

@description('Address space of the network; the two subnets take its first two /24 ranges.')
param addressPrefix string

@description('Storage account reached through private endpoints.')
param storageAccountName string

@description('Document Intelligence account reached through a private endpoint; empty when not deployed.')
param documentIntelligenceName string

@description('Tags applied to every resource.')
param tags { *: string }

var appSubnetPrefix = cidrSubnet(addressPrefix, 24, 0)
var endpointsSubnetPrefix = cidrSubnet(addressPrefix, 24, 1)
var storageServices = ['blob', 'queue', 'table']

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [addressPrefix] }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [{ name: 'flex-consumption', properties: { serviceName: 'Microsoft.App/environments' } }]
        }
      }
      {
        name: 'endpoints'
        properties: {
          addressPrefix: endpointsSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = { name: 'app' }
  resource endpointsSubnet 'subnets' existing = { name: 'endpoints' }
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource storageZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for service in storageServices: {
  name: 'privatelink.${service}.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}]

resource storageZoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (service, i) in storageServices: {
  parent: storageZones[i]
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: { id: vnet.id }
    registrationEnabled: false
  }
}]

resource storageEndpoints 'Microsoft.Network/privateEndpoints@2024-07-01' = [for service in storageServices: {
  name: 'pe-${storageAccountName}-${service}'
  location: location
  tags: tags
  properties: {
    subnet: { id: vnet::endpointsSubnet.id }
    privateLinkServiceConnections: [
      {
        name: service
        properties: {
          privateLinkServiceId: storage.id
          groupIds: [service]
        }
      }
    ]
  }
}]

resource storageZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = [for (service, i) in storageServices: {
  parent: storageEndpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: service, properties: { privateDnsZoneId: storageZones[i].id } }]
  }
}]

resource documentIntelligence 'Microsoft.CognitiveServices/accounts@2025-06-01' existing = if (!empty(documentIntelligenceName)) {
  name: documentIntelligenceName
}

resource cognitiveZone 'Microsoft.Network/privateDnsZones@2024-06-01' = if (!empty(documentIntelligenceName)) {
  name: 'privatelink.cognitiveservices.azure.com'
  location: 'global'
  tags: tags
}

resource cognitiveZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = if (!empty(documentIntelligenceName)) {
  parent: cognitiveZone
  name: '${name}-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: { id: vnet.id }
    registrationEnabled: false
  }
}

resource cognitiveEndpoint 'Microsoft.Network/privateEndpoints@2024-07-01' = if (!empty(documentIntelligenceName)) {
  name: 'pe-${documentIntelligenceName}'
  location: location
  tags: tags
  properties: {
    subnet: { id: vnet::endpointsSubnet.id }
    privateLinkServiceConnections: [
      {
        name: 'account'
        properties: {
          privateLinkServiceId: documentIntelligence.id
          groupIds: ['account']
        }
      }
    ]
  }
}

resource cognitiveZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-07-01' = if (!empty(documentIntelligenceName)) {
  parent: cognitiveEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [{ name: 'account', properties: { privateDnsZoneId: cognitiveZone.id } }]
  }
}

output appSubnetId string = vnet::appSubnet.id
