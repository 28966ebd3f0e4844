// Alerts an operator acts on: an upload that kept failing (the poison handler ran: it got a rejected
// INPUT-UNPROCESSABLE result, someone should look at why), Event Grid events dead-lettered (an upload whose trigger never
// ran; the reconciliation sweep will process it, but the delivery path is broken), and a failure rate of invocations
// above a threshold. Notifications go to an action group when an address is given.

@description('Application Insights component the Function App reports to.')
param appInsightsId string

@description('Event Grid system topic on the storage account.')
param systemTopicName string

@description('Azure region of the log-search alerts (the component\'s region).')
param location string

@description('Name prefix of the alert rules.')
param namePrefix string

@description('E-mail address notified by the alerts; empty: the alerts fire without notifying anyone.')
param emailAddress string

@description('Failed invocations, in percent of all in a 15-minute window, above which the failure-rate alert fires.')
@minValue(1)
@maxValue(100)
param failureRatePercent int

@description('Tags applied to every resource.')
param tags { *: string }

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(emailAddress)) {
  name: '${namePrefix}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(replace(namePrefix, '-', ''), 12)
    enabled: true
    emailReceivers: [{ name: 'operations', emailAddress: emailAddress, useCommonAlertSchema: true }]
  }
}

var actions = empty(emailAddress) ? [] : [{ actionGroupId: actionGroup.id }]

resource deadLettered 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-dead-lettered-events'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid dead-lettered BlobCreated events: uploads whose trigger never ran (the reconciliation sweep processes them; the delivery path needs attention).'
    severity: 2
    enabled: true
    scopes: [topic.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'dead-lettered'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'DeadLetteredCount'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: actions
  }
}

resource poison 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-poison-uploads'
  location: location
  tags: tags
  properties: {
    description: 'An upload failed processing repeatedly and was given a rejected INPUT-UNPROCESSABLE result by the poison handler.'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | where name == "ProcessPoisonBlob"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: empty(emailAddress) ? [] : [actionGroup.id] }
  }
}

resource failureRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-failure-rate'
  location: location
  tags: tags
  properties: {
    description: 'More than ${failureRatePercent}% of function invocations failed in 15 minutes (at least 10 invocations).'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | summarize total = count(), failed = countif(success == false) | where total >= 10 and failed * 100.0 / total > ${failureRatePercent}'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: empty(emailAddress) ? [] : [actionGroup.id] }
  }
}

output alertNames string[] = [deadLettered.name, poison.name, failureRate.name]
