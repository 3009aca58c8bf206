latentCorpus = (testContext, testOptions {withLatent = True}, latentExamples)
  where
    latentExamples = concat
      [ examples (simple Unnamed 9 Nothing)
                [ "nine"
                ]
      ]
allExamples = concat
  [ examples (simple Gram 5 (Just "flour"))
             [ "5 grams of flour"
             ]
  , examples (between Cup (1,2) Nothing)
             [ "1-2 cups"
             ]
  ]
