#!/usr/bin/env bash
# Makes docs/model-sheet.png, the README's picture of the model sheet: a sample ledger
# (the seeds' clients and services, dates around today), `suivi template --from-ledger`,
# LibreOffice to PDF, the first page to PNG. Needs LibreOffice and pdftoppm; the
# Carlito font (Debian's fonts-crosextra-carlito) stands in for Calibri.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
suivi="${SUIVI:-$repo/.build/debug/suivi}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SUIVI_LEDGER="$work/demo.sqlite"
day() { date -d "$1 days" +%F; }
s() { "$suivi" "$@" >/dev/null; }

s init
s client add "Mr Boulo"
s client add "Art company" --terms 45 --end-of-month
s client add "Dumont & co"
s client add "Boulangerie Lefèvre"
s client add "Cabinet Martin-Özil" --terms 60
s client add "Garage Renaud"
s invoice add --client "Mr Boulo" --date "$(day -130)" --amount-ht 500 --service "Saisie de données" --notes "appel le 12, promet virement"
s invoice add --client "Art company" --date "$(day -122)" --amount-ht 350 --service "Envoi de colis"
s invoice add --client "Dumont & co" --date "$(day -115)" --amount-ht 625 --service "Standard téléphonique"
s invoice add --client "Boulangerie Lefèvre" --date "$(day -96)" --amount-ht 180 --service "Facturation"
s invoice add --client "Cabinet Martin-Özil" --date "$(day -88)" --amount-ht 1450 --service "Relance clients"
s invoice add --client "Garage Renaud" --date "$(day -74)" --amount-ht 320 --service "Saisie des règlements"
s invoice add --client "Mr Boulo" --date "$(day -61)" --amount-ht 500 --service "Saisie de données" --notes "appel le 12, promet virement"
s invoice add --client "Art company" --date "$(day -47)" --amount-ht 410 --service "Envoi de colis" --notes "litige sur quantité"
s invoice add --client "Dumont & co" --date "$(day -33)" --amount-ht 625 --service "Standard téléphonique"
s invoice add --client "Boulangerie Lefèvre" --date "$(day -20)" --amount-ht 95.5 --vat 5.5 --service "Facturation"
s invoice add --client "Garage Renaud" --date "$(day -12)" --amount-ht 780 --service "Saisie des règlements"
s invoice add --client "Cabinet Martin-Özil" --date "$(day -4)" --amount-ht 1450 --service "Relance clients"
n() { "$suivi" invoice list --json | python3 -c "import json,sys; print(json.load(sys.stdin)[$1]['number'])"; }
s payment add --amount 420 --date "$(day -110)" --method virement --invoice "$(n 1)"
s payment add --amount 750 --date "$(day -70)" --method cheque --invoice "$(n 2)"
s payment add --amount 216 --date "$(day -60)" --method "carte bancaire" --invoice "$(n 3)"
s payment add --amount 800 --date "$(day -40)" --method virement --invoice "$(n 4)"
s payment add --amount 384 --date "$(day -30)" --method virement --invoice "$(n 5)"
s payment add --amount 600 --date "$(day -25)" --method virement --invoice "$(n 6)"
s invoice dispute "$(n 7)" --date "$(day -10)"
s remind record "$(n 0)" --level 1 --channel phone --date "$(day -95)" --outcome promise
s remind record "$(n 0)" --level 2 --channel registered_letter --date "$(day -75)" --outcome no_answer
s remind record "$(n 0)" --level 3 --channel lrar --date "$(day -55)"
s remind record "$(n 4)" --level 1 --channel email --date "$(day -25)" --outcome promise
"$suivi" template "$work/modele.xlsx" --from-ledger --company "Dumont & co" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/modele.xlsx" >/dev/null 2>&1
# The top of the first page: the header, the invoices and the first prepared rows.
pdftoppm -png -r 150 -f 1 -l 1 -x 0 -y 40 -W 1754 -H 420 -singlefile "$work/modele.pdf" "$work/page"
cp "$work/page.png" "$repo/docs/model-sheet.png"
echo "docs/model-sheet.png"
