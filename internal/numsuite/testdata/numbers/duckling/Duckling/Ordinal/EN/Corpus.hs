allExamples = concat
  [ examples (OrdinalData 3)
             [ "third"
             ]
  ]
