# Options every cs tool shares; sourced by each cs-TOOL.fish.
function __cs_common -a tool
    complete -c $tool -s c -l column -r -d 'read column NAME from HEADER or field N'
    complete -c $tool -s d -l delimiter -r -d 'input field delimiter'
    complete -c $tool -s e -l encoding -x -a 'utf-8 gbk gb18030 big5 utf-16' -d 'input encoding'
    complete -c $tool -l excel -d 'BOM, CRLF and formula-safe cells for Excel/WPS'
    complete -c $tool -s f -l format -x -a 'csv tsv json' -d 'output format'
    complete -c $tool -s h -l help -d 'print help and exit'
    complete -c $tool -l lang -r -a 'en zh' -d 'names and fixed values in this language'
    complete -c $tool -l no-header -d 'the first line is data'
    complete -c $tool -l skip -r -d 'lines before the header'
    complete -c $tool -l replace -d 'overwrite input columns named like the output columns'
    complete -c $tool -l strict -d 'stop at the first bad row'
    complete -c $tool -s t -l tsv -d 'input is tab-separated'
    complete -c $tool -s V -l version -d 'print the version and exit'
end
