#!/usr/bin/env sh
# Creates the link-signing keys the app is configured with, in Key Vault, once each.
#
# azd runs this after provisioning (azure.yaml, postprovision), with the template's outputs in the
# environment: AZURE_KEY_VAULT_NAME and LINK_SIGNING_KEY_IDS (comma-separated, oldest first). For
# each id, the secret LinkSigningKey-<id> is left alone when it exists, recovered when it was
# soft-deleted, and otherwise created from 32 random bytes. An existing key is never overwritten,
# so provisioning again never breaks the links already in the reps' inboxes. The value goes to the
# Azure CLI on standard input, never on a command line or in a log.
set -eu

vault="${AZURE_KEY_VAULT_NAME:?AZURE_KEY_VAULT_NAME is not set: run this after provisioning (azd sets it from the template outputs).}"
ids="${LINK_SIGNING_KEY_IDS:?LINK_SIGNING_KEY_IDS is not set: run this after provisioning (azd sets it from the template outputs).}"

for id in $(printf '%s' "$ids" | tr ',' ' '); do
  case "$id" in
    # As the app's options require (Links:SigningKeys:N:Id): 1 to 16 letters or digits.
    *[!A-Za-z0-9]* | '' | ?????????????????*) echo "Link-signing key id '$id' must be 1 to 16 letters or digits." >&2; exit 2 ;;
  esac
  name="LinkSigningKey-$id"
  if az keyvault secret show --vault-name "$vault" --name "$name" --query id --output tsv >/dev/null 2>&1; then
    echo "$name: exists, kept"
  elif az keyvault secret show-deleted --vault-name "$vault" --name "$name" --query recoveryId --output tsv >/dev/null 2>&1; then
    # Purge protection is on: a deleted key comes back rather than being replaced.
    az keyvault secret recover --vault-name "$vault" --name "$name" --output none
    echo "$name: recovered from soft delete"
  else
    printf '%s' "$(openssl rand -base64 32)" | az keyvault secret set --vault-name "$vault" --name "$name" --file /dev/stdin --encoding utf-8 --output none
    echo "$name: created"
  fi
done
