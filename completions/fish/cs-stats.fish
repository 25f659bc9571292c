# fish completion for cs-stats
source (status dirname)/cs-common.fish 2>/dev/null; or functions -q __cs_common
__cs_common cs-stats
complete -c cs-stats -l alert -x -d 'list products with N or more quality complaints in the window'
complete -c cs-stats -l alert-window -x -d 'alert window in days'
complete -c cs-stats -l by -x -a 'category agent product buyer outcome' -d 'group by these columns'
complete -c cs-stats -l compare-previous -d 'add the previous period and the change'
complete -c cs-stats -l merge -d 'the inputs are partial states: combine them'
complete -c cs-stats -l orders -r -F -d 'order history for retention and repeat buyers'
complete -c cs-stats -l partial -d 'write a mergeable state'
complete -c cs-stats -l period -x -a 'day week month' -d 'group by period'
complete -c cs-stats -l report -d 'print a plain-text report'
complete -c cs-stats -l sla-reply -x -d 'first-reply target in hours'
complete -c cs-stats -l sla-resolve -x -d 'resolution target in hours'
complete -c cs-stats -l table -x -a 'groups retention cohorts alerts' -d 'table to write'
complete -c cs-stats -l today -x -d 'reference date'
complete -c cs-stats -l window -x -d 'retention window in days'
complete -c cs-stats -s f -l format -x -a 'html' -d 'the report as one HTML page'
