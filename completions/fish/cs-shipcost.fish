# fish completion for cs-shipcost
source (status dirname)/cs-common.fish 2>/dev/null; or functions -q __cs_common
__cs_common cs-shipcost
complete -c cs-shipcost -l carrier -x -d 'price with this carrier of the rate card'
complete -c cs-shipcost -l explain -d 'add a column saying how each fee was computed'
complete -c cs-shipcost -l gazetteer -r -F -d 'replace the embedded gazetteer'
complete -c cs-shipcost -l rates -r -F -d 'replace the embedded rate card'
complete -c cs-shipcost -l weight -x -d 'weight in kg for every row'
complete -c cs-shipcost -l weights -r -F -d 'product title or SKU to kg table'
