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

@description('Day the batch goes out, as in Sla__BatchDay (Monday … Sunday).')
param batchDay string

@description('Hour (0-23, local) at which the batch goes out, as in Sla__BatchTime.')
param batchHour int

@description('Dates (yyyy-MM-dd) with no batch, as in Sla__Holidays: the batch-not-sent alert stays quiet on them.')
param holidays array

@description('Quarantined submissions in one hour that count as a spike (the verifier is down, or a form lost its widget).')
param quarantineSpikePerHour int = 20

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
// the configured batch day (local), no such line in the last two hours means the hand-off did not
// happen. On a configured holiday the batch moves to the next business day, so the alert is quiet.
// Kusto's dayofweek() counts days from Sunday, as .NET's DayOfWeek does.
var batchDayIndex = indexOf(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'], batchDay)
var batchQuery = '''
let local = datetime_utc_to_local(now(), '{0}');
let holidays = dynamic({3});
let due = dayofweek(local) == {1}d and hourofday(local) == {2} and not(format_datetime(local, 'yyyy-MM-dd') in (holidays));
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
    displayName: 'LeadHandoff: batch not sent'
    description: 'No BatchSent event by batch time plus one hour on the batch day (holidays excepted).'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT2H'
    criteria: {
      allOf: [
        {
          query: format(batchQuery, timeZone, batchDayIndex, (batchHour + 1) % 24, string(holidays))
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

// EmailDelivery logs "could not be delivered" (EventId 3101, EmailUndelivered) when an email was
// refused for good and its fallback too, or no copy's delivery could be confirmed.
var undeliveredQuery = '''
traces
| where message has "could not be delivered"
| summarize undelivered = count()
| where undelivered > 0
'''

resource undelivered 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-email-undelivered'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadHandoff: an email could not be delivered'
    description: 'An email was refused for good (and its fallback too), or no copy of it could be confirmed. See docs/operations.md.'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: undeliveredQuery
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

// WebhookDispatcher logs "Webhook subscription … disabled" (EventId 3201, WebhookSubscriptionDisabled)
// when a receiver has failed every delivery for Webhooks__DisableAfterDays.
var webhookDisabledQuery = '''
traces
| where message has "Webhook subscription" and message has "disabled"
| summarize disabled = count()
| where disabled > 0
'''

resource webhookDisabled 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-webhook-disabled'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadHandoff: a webhook subscription was disabled'
    description: 'A receiver (the CRM) failed every delivery for days; its events wait. Fix the receiver, then enable it at /api/webhooks. See docs/operations.md.'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: webhookDisabledQuery
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

// The intake logs "flagged as Quarantined" for each submission held back by the human check.
var quarantineQuery = '''
traces
| where message has "flagged as Quarantined"
| summarize quarantined = count()
| where quarantined > {0}
'''

resource quarantineSpike 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-quarantine-spike'
  location: location
  tags: tags
  properties: {
    displayName: 'LeadHandoff: quarantine spike'
    description: 'More submissions quarantined in an hour than usual: the human-check verifier may be down, or a form may have lost its widget.'
    severity: 2
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: format(quarantineQuery, quarantineSpikePerHour)
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
