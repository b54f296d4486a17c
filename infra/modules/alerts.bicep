@description('Name prefix for the alert rules.')
param namePrefix string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Resource id of the Application Insights component the app logs to.')
param appInsightsId string

@description('Email address that receives the alerts.')
param alertEmail string

@description('IANA time zone of the business, as in Sla__TimeZone.')
param timeZone string

@description('Hour (0-23, local) at which the Monday batch goes out, as in Sla__BatchTime.')
param batchHour int

resource actions 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'leadops'
    enabled: true
    emailReceivers: [
      {
        name: 'ops'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource failures 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-function-failures'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadHandoff: a function failed'
    description: 'Any failed function invocation in the last 15 minutes.'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'requests | where success == false | summarize failures = count() by operation_Name'
          timeAggregation: 'Total'
          metricMeasureColumn: 'failures'
          dimensions: [
            {
              name: 'operation_Name'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actions.id]
    }
  }
}

// The app logs "BatchSent <window>" when a batch is recorded as sent. An hour after batch time on
// Monday (local), no such line in the last two hours means marketing's hand-off did not happen.
// A holiday Monday moves the batch, so this alert also fires then: expected, and says so.
var batchQuery = '''
let local = datetime_utc_to_local(now(), '{0}');
let due = dayofweek(local) == 1d and hourofday(local) == {1};
traces
| where timestamp > ago(2h)
| where message startswith "BatchSent"
| summarize sent = count()
| where due and sent == 0
'''

resource batchMissing 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-batch-not-sent'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadHandoff: Monday batch not sent'
    description: 'No BatchSent event by batch time plus one hour (or the batch day was a holiday).'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    criteria: {
      allOf: [
        {
          query: format(batchQuery, timeZone, (batchHour + 1) % 24)
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [actions.id]
    }
  }
}
