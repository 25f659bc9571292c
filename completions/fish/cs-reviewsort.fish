# fish completion for cs-reviewsort
source (status dirname)/cs-common.fish 2>/dev/null; or functions -q __cs_common
__cs_common cs-reviewsort
complete -c cs-reviewsort -s a -l all -d 'keep every review, not only those rated 3 or lower'
complete -c cs-reviewsort -l by -x -a '宝贝标题 商品名称 product' -d 'count per value of this column (implies --summary)'
complete -c cs-reviewsort -l lexicon -r -F -d 'add the terms of this lexicon file'
complete -c cs-reviewsort -l model -r -F -d 'decide the category with this model (made by --train)'
complete -c cs-reviewsort -s o -l output -r -F -d 'with --train: write the model to this file'
complete -c cs-reviewsort -l playbook -r -F -d 'take the actions of the categories this file names'
complete -c cs-reviewsort -l train -d 'learn a model from labelled reviews (text, primary)'
complete -c cs-reviewsort -l train-merge -d 'with --train: learn from the built-in labelled reviews too'
complete -c cs-reviewsort -s s -l summary -d 'print counts and shares per category'
complete -c cs-reviewsort -l text -d 'input is plain text, one review per line'
