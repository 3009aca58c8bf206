allExamples = concat
  [ examples (simple Unnamed 8)
             [ "8 bucks"
             ]
  ]
