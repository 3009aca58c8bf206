-- A corpus written for claimex's tests in the shape of Duckling's.
allExamples :: [Example]
allExamples = concat
  [ examples (NumeralValue 7)
             [ "7"
             , "seven"
             , "seven"
             ]
  , examples (NumeralValue 2.5)
             [ "two and a half"
             ]
  , examples (NumeralValue (-3))
             [ "minus three"
             ]
  , examples (NumeralValue 4e3)
             [ "4 thousand"
             , "a \"quoted\" four thousand"
             ]
  ]
