#!/usr/bin/env sh
# Creates the secrets the app signs with, in Key Vault, once each: the link-signing keys and the
# webhook subscriptions' secrets.
#
# azd runs this after provisioning (azure.yaml, postprovision), with the template's outputs in the
# environment: AZURE_KEY_VAULT_NAME, LINK_SIGNING_KEY_IDS (comma-separated, oldest first) and
# WEBHOOK_SUBSCRIPTION_IDS (comma-separated, may be empty). For each link key id the secret
# LinkSigningKey-<id> (32 random bytes, base64), and for each subscription WebhookSecret-<id>
# ('whsec_' and 32 random bytes, base64, as the Standard Webhooks specification writes secrets), is
# left alone when it exists, recovered when it was soft-deleted, and otherwise created. An existing
# secret is never overwritten, so provisioning again never breaks the links already in the reps'
# inboxes or a receiver's signature checks. Values go to the Azure CLI on standard input, never on
# a command line or in a log; give a receiver its secret with `az keyvault secret show`.
set -eu

vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run this after provisioning (azd sets it from the template outputs).}"
ids="${LINK_SIGNING_KEY_IDS:?LINK_SIGNING_KEY_IDS is not set: run this after provisioning (azd sets it from the template outputs).}"
subscriptions="${WEBHOOK_SUBSCRIPTION_IDS:-}"

# ensure <secret name> <value prefix>
ensure() {
  if az keyvault secret show --vault-name "$vault" --name "$1" --query id --output tsv >/dev/null 2>&1; then
    echo "$1: exists, kept"
  elif az keyvault secret show-deleted --vault-name "$vault" --name "$1" --query recoveryId --output tsv >/dev/null 2>&1; then
    # Purge protection is on: a deleted secret comes back rather than being replaced.
    az keyvault secret recover --vault-name "$vault" --name "$1" --output none
    echo "$1: recovered from soft delete"
  else
    printf '%s%s' "$2" "$(openssl rand -base64 32)" | az keyvault secret set --vault-name "$vault" --name "$1" --file /dev/stdin --encoding utf-8 --output none
    echo "$1: created"
  fi
}

for id in $(printf '%s' "$ids" | tr ',' ' '); do
  case "$id" in
    # As the app's options require (Links:SigningKeys:N:Id): 1 to 16 letters or digits.
    *[!A-Za-z0-9]* | '' | ?????????????????*) echo "Link-signing key id '$id' must be 1 to 16 letters or digits." >&2; exit 2 ;;
  esac
  ensure "LinkSigningKey-$id" ""
done

for id in $(printf '%s' "$subscriptions" | tr ',' ' '); do
  case "$id" in
    # As the app's options require (Webhooks:Subscriptions:N:Id): 1 to 32 letters, digits or hyphens.
    *[!A-Za-z0-9-]* | '' | ?????????????????????????????????*) echo "Webhook subscription id '$id' must be 1 to 32 letters, digits or hyphens." >&2; exit 2 ;;
  esac
  ensure "WebhookSecret-$id" "whsec_"
done
