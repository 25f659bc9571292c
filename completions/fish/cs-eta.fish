# fish completion for cs-eta
source (status dirname)/cs-common.fish 2>/dev/null; or functions -q __cs_common
__cs_common cs-eta
complete -c cs-eta -l auto-confirm-days -x -d 'the platform confirms receipt N days after shipping'
complete -c cs-eta -l carrier -x -d 'carrier of rows without a carrier column'
complete -c cs-eta -l cutoff -x -a '16:00 17:00 18:00' -d 'handed over at or after this: next day'
complete -c cs-eta -l delay -x -a 'all= jzh= standard= remote=' -d 'add DAYS for a province, tier or all'
complete -c cs-eta -l dispatch -x -d 'handover this many hours after payment'
complete -c cs-eta -l dispatch-every-day -d 'the shop hands parcels over on rest days too'
complete -c cs-eta -l extend-margin -x -d 'flag extend_receipt this many days before auto-confirmation'
complete -c cs-eta -l gazetteer -r -F -d 'replace the embedded gazetteer'
complete -c cs-eta -l holidays -r -F -d 'replace the embedded holidays and courier closures'
complete -c cs-eta -l overdue -d 'keep only the follow-up list: overdue and dispatch_late rows'
complete -c cs-eta -l statuses -r -F -d 'replace the embedded order status wordings'
complete -c cs-eta -l today -x -d 'the day to judge against (YYYY-MM-DD)'
complete -c cs-eta -l transit -r -F -d 'replace the embedded transit table'
